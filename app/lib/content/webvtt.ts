// WebVTT caption tracks as the content format and the lesson editor accept them.

const CUE_TIMING =
  /^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}[ \t]+-->[ \t]+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:[ \t].*)?$/m;

/** Languages a lesson video can have a caption track in. */
export const CAPTION_LANGUAGES = ["vi", "en"] as const;
export type CaptionLanguage = (typeof CAPTION_LANGUAGES)[number];

/**
 * A WebVTT file a browser will show: the "WEBVTT" signature on the first line (after an optional
 * byte-order mark) and at least one cue with a valid timing line.
 */
export function isWebVtt(text: string): boolean {
  const [first = ""] = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1);
  return /^WEBVTT(?:[ \t].*)?$/.test(first) && CUE_TIMING.test(text.replace(/\r\n?/g, "\n"));
}

/** A track as stored: "\n" line ends, no byte-order mark, one final newline. */
export function normalizeWebVtt(text: string): string {
  return `${text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .trimEnd()}\n`;
}

/** The tracks that are present, normalized, in the languages' order (stable for content hashes). */
export function captionTracks(
  tracks: Partial<Record<CaptionLanguage, string | null | undefined>>,
): Partial<Record<CaptionLanguage, string>> {
  const out: Partial<Record<CaptionLanguage, string>> = {};
  for (const language of CAPTION_LANGUAGES) {
    const track = tracks[language];
    if (track) out[language] = normalizeWebVtt(track);
  }
  return out;
}
