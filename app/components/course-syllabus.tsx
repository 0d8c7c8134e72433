import { Link } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { useT } from "~/lib/i18n/use-t";

type SyllabusLesson = { key: string; title: string; durationMinutes: number; hasVideo: boolean; completed: boolean };
type SyllabusModule = { key: string; title: string; lessons: SyllabusLesson[] };

/**
 * The modules and lessons of a course or of a "what changed" update, numbered across modules,
 * completed ones ticked. Lessons link below `basePath` only when `linked` (a learner who has not
 * enrolled sees the titles); `numberModules` prefixes "Module n" where the modules are the whole course.
 */
export function CourseSyllabus({
  id,
  heading,
  modules,
  basePath,
  linked,
  numberModules,
}: {
  id: string;
  heading: string;
  modules: SyllabusModule[];
  basePath: string;
  linked: boolean;
  numberModules: boolean;
}) {
  const { t } = useT();
  // Lessons are numbered across modules: each module starts after the lessons of those before it.
  const firstLessonNumbers = modules.map((_, index) =>
    modules.slice(0, index).reduce((count, earlier) => count + earlier.lessons.length, 1),
  );
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-xl font-bold">
        {heading}
      </h2>
      {modules.map((module, moduleIndex) => (
        <div key={module.key} className="card">
          <h3 className="font-semibold">
            {numberModules ? (
              <span className="text-slate-500">{t("courses.module", { number: moduleIndex + 1 })} · </span>
            ) : null}
            {module.title}
          </h3>
          <ol className="mt-3 divide-y divide-slate-100">
            {module.lessons.map((lesson, lessonIndex) => {
              const lessonNumber = firstLessonNumbers[moduleIndex] + lessonIndex;
              return (
                <li key={lesson.key} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <span className="flex items-center gap-2">
                    <span
                      aria-hidden="true"
                      className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${lesson.completed ? "bg-green-600 text-white" : "bg-slate-200 text-slate-700"}`}
                    >
                      {lesson.completed ? "✓" : lessonNumber}
                    </span>
                    {linked ? (
                      <Link to={`${basePath}/lessons/${lesson.key}`} className="link">
                        {lesson.title}
                      </Link>
                    ) : (
                      <span>{lesson.title}</span>
                    )}
                    {lesson.completed ? <span className="sr-only">({t("courses.lessonDone")})</span> : null}
                  </span>
                  <span className="shrink-0 text-slate-500">
                    {lesson.hasVideo ? `${t("courses.lessonVideo")} · ` : ""}
                    {t("courses.duration", { minutes: lesson.durationMinutes })}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </section>
  );
}

/** The learner's progress with a "start"/"continue" link to the lesson to take up (none when there is nothing left). */
export function LearnerProgress({
  percent,
  basePath,
  continueLessonKey,
}: {
  percent: number;
  basePath: string;
  continueLessonKey: string | null;
}) {
  const { t } = useT();
  return (
    <>
      <p className="text-sm font-medium">{t("courses.progress", { percent })}</p>
      <ProgressBar percent={percent} label={t("courses.progressLabel")} />
      {continueLessonKey ? (
        <Link to={`${basePath}/lessons/${continueLessonKey}`} className="btn-primary w-full">
          {percent > 0 ? t("courses.continue") : t("courses.start")}
        </Link>
      ) : null}
    </>
  );
}
