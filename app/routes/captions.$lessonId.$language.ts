import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/accounts/auth.server";
import { CAPTION_LANGUAGES, type CaptionLanguage } from "~/lib/content/webvtt";
import { lessonCaptions } from "~/lib/courses/courses.server";
import { invariantResponse } from "~/lib/http.server";

function isCaptionLanguage(value: string | undefined): value is CaptionLanguage {
  return (CAPTION_LANGUAGES as readonly (string | undefined)[]).includes(value);
}

/** A lesson video's WebVTT caption track (the player's <track src>). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const vtt =
    isCaptionLanguage(params.language) && params.lessonId && params.lessonId.length <= 64
      ? await lessonCaptions(user, params.lessonId, params.language)
      : null;
  invariantResponse(vtt !== null, "Not found", { status: 404 });
  return new Response(vtt, {
    headers: { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "private, no-cache" },
  });
}
