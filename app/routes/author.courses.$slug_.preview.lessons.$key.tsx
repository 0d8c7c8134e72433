import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { LessonView } from "~/components/lesson-view";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { previewPath } from "~/lib/authoring/paths";
import { getPreviewLesson } from "~/lib/authoring/preview.server";
import { env } from "~/lib/env.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.author.preview", data?.lesson.title, data?.courseTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const page = await getPreviewLesson(ctx, params.key ?? "", getLocale(request));
  return { ...page, muxEnvKey: page.lesson.video ? env.muxEnvKey : "" };
}

export default function PreviewLessonPage() {
  const { muxEnvKey, ...page } = useLoaderData<typeof loader>();
  return (
    <LessonView
      page={page}
      basePath={previewPath(page.slug)}
      backLabel={page.courseTitle}
      muxEnvKey={muxEnvKey}
      preview
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
