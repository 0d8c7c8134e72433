// Display preferences for people who see with difficulty: a text size and a high-contrast
// theme. They live in one cookie, so the server renders the page already enlarged (no flash,
// and it works with JavaScript off), and they follow the person across pages without an account.

export const TEXT_SIZES = ["normal", "large", "larger"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const CONTRASTS = ["normal", "high"] as const;
export type Contrast = (typeof CONTRASTS)[number];

export type DisplayPreferences = { textSize: TextSize; contrast: Contrast };

export const DEFAULT_DISPLAY: DisplayPreferences = { textSize: "normal", contrast: "normal" };
export const DISPLAY_COOKIE = "display";

function isTextSize(value: unknown): value is TextSize {
  return typeof value === "string" && (TEXT_SIZES as readonly string[]).includes(value);
}

function isContrast(value: unknown): value is Contrast {
  return typeof value === "string" && (CONTRASTS as readonly string[]).includes(value);
}

/** The preferences in a Cookie header; anything unknown or missing falls back to the default. */
export function parseDisplayCookie(header: string | null): DisplayPreferences {
  const match = (header ?? "").match(/(?:^|;\s*)display=([a-z]+)\.([a-z]+)(?:;|$)/);
  if (!match) return DEFAULT_DISPLAY;
  return {
    textSize: isTextSize(match[1]) ? match[1] : DEFAULT_DISPLAY.textSize,
    contrast: isContrast(match[2]) ? match[2] : DEFAULT_DISPLAY.contrast,
  };
}

/**
 * The preferences after a form post: a field that is present and valid replaces the current
 * value, so one button can change the size and another the contrast.
 */
export function updateDisplay(
  current: DisplayPreferences,
  input: { textSize?: unknown; contrast?: unknown },
): DisplayPreferences {
  return {
    textSize: isTextSize(input.textSize) ? input.textSize : current.textSize,
    contrast: isContrast(input.contrast) ? input.contrast : current.contrast,
  };
}

export function serializeDisplayCookie(preferences: DisplayPreferences): string {
  return `${DISPLAY_COOKIE}=${preferences.textSize}.${preferences.contrast}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
