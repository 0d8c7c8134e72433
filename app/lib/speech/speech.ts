// Pure helpers for reading text aloud with the browser's speech synthesis.

/** Chrome stops long utterances after about 15 s, so text is spoken in pieces of this size at most. */
export const MAX_UTTERANCE_CHARS = 200;

type VoiceLike = { lang: string; name: string; default?: boolean; localService?: boolean };

/**
 * The device's Vietnamese voice, if it has one: `vi-VN` before other `vi` variants, an on-device
 * voice before a network one (it works offline), the device's default among equals.
 */
export function pickVietnameseVoice<Voice extends VoiceLike>(voices: readonly Voice[]): Voice | undefined {
  const vietnamese = voices.filter((voice) => /^vi([-_]|$)/i.test(voice.lang));
  const score = (voice: Voice) =>
    (voice.lang.replace("_", "-").toLowerCase() === "vi-vn" ? 4 : 0) +
    (voice.localService ? 2 : 0) +
    (voice.default ? 1 : 0);
  return [...vietnamese].sort((a, b) => score(b) - score(a))[0];
}

/**
 * The text in the order it is read, cut at paragraph and sentence ends (then at spaces) into
 * pieces of at most `max` characters; blank pieces are dropped.
 */
export function splitForSpeech(text: string, max = MAX_UTTERANCE_CHARS): string[] {
  const pieces: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\n/)) {
    const sentences = paragraph.match(/[^.!?…;:]+[.!?…;:]*\s*/g) ?? [];
    let current = "";
    for (const sentence of sentences.map((s) => s.replace(/\s+/g, " ").trim()).filter(Boolean)) {
      for (const part of cutAtSpaces(sentence, max)) {
        if (current && current.length + 1 + part.length > max) {
          pieces.push(current);
          current = part;
        } else {
          current = current ? `${current} ${part}` : part;
        }
      }
    }
    if (current) pieces.push(current);
  }
  return pieces;
}

function cutAtSpaces(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const parts: string[] = [];
  let current = "";
  for (const word of sentence.split(" ")) {
    if (current && current.length + 1 + word.length > max) {
      parts.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) parts.push(current);
  return parts;
}
