import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { LessonView, type LessonActionData } from "~/components/lesson-view";
import { requireUser } from "~/lib/accounts/auth.server";
import { completeDeltaLesson, getDeltaLessonPage } from "~/lib/courses/courses.server";
import { coursePath, pathAfterCompletion } from "~/lib/courses/paths";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { env } from "~/lib/env.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { readFormData } from "~/lib/forms.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.update", data?.lesson.title, data?.courseTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getDeltaLessonPage(
    user.id,
    params.slug ?? "",
    Number(params.number),
    params.lessonKey ?? "",
    getLocale(request),
  );
  return { ...page, muxEnvKey: page.lesson.video ? env.muxEnvKey : "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  const number = Number(params.number);
  const submittedPass = form.get("watchPass");
  const watchPass = typeof submittedPass === "string" ? submittedPass : "";
  const { versionId, secondsLeft } = await completeDeltaLesson(
    user.id,
    params.slug ?? "",
    number,
    params.lessonKey ?? "",
    watchPass,
  );
  if (secondsLeft > 0) return data<LessonActionData>({ secondsLeft, watchPass }, { status: 400 });
  await onLessonProgress(user.id, versionId);
  return redirect(pathAfterCompletion(coursePath(params.slug ?? "", number), form.get("next")));
}

export default function DeltaLessonPage() {
  const { t } = useT();
  const { muxEnvKey, changes, ...page } = useLoaderData<typeof loader>();
  return (
    <LessonView
      page={page}
      basePath={coursePath(page.slug, page.number)}
      backLabel={`${page.courseTitle} · ${t("learning.delta")}`}
      muxEnvKey={muxEnvKey}
      changes={changes}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
