import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { exportQuestionsGift } from "~/lib/authoring/transfer.server";

/** The question bank as a GIFT file (Moodle imports .txt); `.txt` keeps it apart from question keys. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const gift = await exportQuestionsGift(ctx);
  return new Response(gift.text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${gift.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
