import crypto from "node:crypto";
import { startSession } from "~/lib/accounts/session.server";
import type { SessionUser } from "~/lib/accounts/auth.server";
import { courseAuthorFor, type AuthorContext } from "~/lib/authoring/access.server";
import {
  courseDetailsSchema,
  examSettingsSchema,
  lessonSchema,
  questionFormSchema,
} from "~/lib/authoring/authoring.schema";
import {
  addLesson,
  addModule,
  createCourse,
  saveDetails,
  saveExamSettings,
  saveLesson,
  saveQuestion,
} from "~/lib/authoring/authoring.server";
import { emptyQuestionForm, type QuestionFormValues } from "~/lib/authoring/question-form";
import { prisma } from "~/lib/db.server";
import { createUser } from "~/lib/fixtures/factories.server";

export async function sessionCookie(userId: string): Promise<string> {
  return (await startSession(new Request("http://localhost/"), userId)).split(";")[0];
}

export async function sessionUser(
  role: "learner" | "trainer" | "admin",
  created: string[],
): Promise<SessionUser & { password: string }> {
  const user = await createUser({ role });
  created.push(user.id);
  return { ...user, locale: "vi" };
}

export function uniqueSlug(prefix = "khoa-thu"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export const LESSON_MD = {
  "dinh-danh": "## Định danh điện tử\n\nTài khoản VNeID mức 2 dùng để đăng nhập dịch vụ công.",
  "chu-ky-so": "## Chữ ký số\n\nChữ ký số có giá trị pháp lý như chữ ký tay.",
};

function question(patch: Partial<QuestionFormValues> & Pick<QuestionFormValues, "key" | "type">): QuestionFormValues {
  return questionFormSchema.parse({
    ...emptyQuestionForm(patch.type, patch.key),
    prompt: `Câu hỏi ${patch.key}?`,
    ...patch,
  });
}

/** Five questions of five types, two tagged to each lesson and one untagged. */
export const QUESTIONS: QuestionFormValues[] = [
  question({
    key: "vneid-muc-2",
    type: "single",
    lessons: ["dinh-danh"],
    options: [
      { text: "Mức 1", correct: false, weight: "", feedback: "" },
      { text: "Mức 2", correct: false, weight: "", feedback: "" },
    ],
    correctIndex: "1",
  }),
  question({
    key: "vneid-dung-de",
    type: "multiple",
    lessons: ["dinh-danh"],
    options: [
      { text: "Dịch vụ công", correct: true, weight: "", feedback: "" },
      { text: "Ngân hàng", correct: true, weight: "", feedback: "" },
      { text: "Mạng xã hội", correct: false, weight: "", feedback: "" },
    ],
  }),
  question({ key: "chu-ky-phap-ly", type: "truefalse", lessons: ["chu-ky-so"], answer: "true" }),
  question({
    key: "chu-ky-so-nam",
    type: "numeric",
    lessons: ["chu-ky-so"],
    numeric: [{ kind: "tolerance", value: "2023", tolerance: "", min: "", max: "", weight: "" }],
  }),
  question({
    key: "thu-tu-nop",
    type: "ordering",
    items: [{ text: "Đăng nhập" }, { text: "Điền tờ khai" }, { text: "Nộp" }],
  }),
];

/** A complete course authored through the domain functions (as the editor pages call them). */
export async function authorCourse(owner: SessionUser, slug = uniqueSlug()): Promise<AuthorContext> {
  const created = await createCourse(
    owner,
    { slug, titleVi: "Dịch vụ công trực tuyến", titleEn: "Online public services" },
    "test",
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const ctx = await courseAuthorFor(owner, slug);
  await saveDetails(
    ctx,
    courseDetailsSchema.parse({
      titleVi: "Dịch vụ công trực tuyến",
      titleEn: "Online public services",
      summaryVi: "Nộp hồ sơ trực tuyến an toàn.",
      summaryEn: "Apply online safely.",
      audience: "citizens",
      credits: "2",
      deltaCredits: "0,5",
      durationMinutes: "30",
      skills: ["2.3"],
      certificateValidityMonths: "",
    }),
  );
  await addModule(ctx, { key: "co-ban", titleVi: "Cơ bản", titleEn: "Basics" });
  for (const [key, markdown] of Object.entries(LESSON_MD)) {
    await addLesson(ctx, { moduleKey: "co-ban", key, titleVi: `Bài ${key}`, titleEn: `Lesson ${key}` });
    await saveLesson(
      ctx,
      key,
      lessonSchema.parse({
        titleVi: `Bài ${key}`,
        titleEn: `Lesson ${key}`,
        durationMinutes: "10",
        required: "on",
        markdown,
        videoSrc: "",
        videoDurationSeconds: "",
        transcript: "",
      }),
    );
  }
  for (const q of QUESTIONS) {
    const result = await saveQuestion(ctx, null, q);
    if (!result.ok) throw new Error(JSON.stringify(result));
  }
  const exam = await saveExamSettings(
    ctx,
    examSettingsSchema.parse({
      titleVi: "Kiểm tra",
      titleEn: "Test",
      timeLimitMinutes: "20",
      passPercent: "60",
      maxAttempts: "0",
      cooldownMinutes: "0",
      review: "full",
      pools: [{ pool: "default", draw: "5" }],
    }),
  );
  if (!exam.ok) throw new Error(JSON.stringify(exam));
  return ctx;
}

/** Removes test courses; their versions, enrolments, completions and certificates cascade. Delete the users first. */
export async function deleteCourses(slugs: string[]) {
  if (slugs.length > 0) await prisma.course.deleteMany({ where: { slug: { in: slugs } } });
}
