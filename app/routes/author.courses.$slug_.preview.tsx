import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { getPreviewHeader } from "~/lib/authoring/preview.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.author.preview", data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getPreviewHeader(ctx, getLocale(request));
}

/** The learner's pages of a course's draft, under a banner that says whose eyes they are for. */
export default function PreviewLayout() {
  const { t } = useT();
  const header = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div
        role="note"
        className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
        data-testid="preview-banner"
      >
        <div>
          <p className="font-bold">
            {header.isDraft
              ? t("authoring.preview.banner")
              : t("authoring.preview.bannerPublished", { number: header.number })}
          </p>
          <p className="text-sm">{t("authoring.preview.bannerHint")}</p>
        </div>
        <Link to={`/author/courses/${header.slug}/content`} className="btn-secondary">
          ← {t("authoring.preview.backToEdit")}
        </Link>
      </div>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
