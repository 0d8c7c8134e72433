import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { CourseNav } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { getCourseHeader } from "~/lib/authoring/authoring.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "title.author", data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getCourseHeader(ctx, getLocale(request));
}

export default function CourseEditorLayout() {
  const { t } = useT();
  const header = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm">
          <Link to="/author" className="link">
            ← {t("authoring.workspace.title")}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">{header.title}</h1>
      </div>
      <CourseNav slug={header.slug} isOwner={header.isOwner} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
