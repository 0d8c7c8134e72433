/**
 * What changed inside a changed lesson, for the holder who retakes only the delta: the lesson's
 * text of the version they were certified on against the new one, paragraph by paragraph, with
 * the words that changed marked inside a changed paragraph. Pure (no I/O), so the page and its
 * tests agree.
 */
import { diffArrays, diffWordsWithSpace } from "diff";

export type InlinePart = { kind: "same" | "added" | "removed"; text: string };

export type DiffBlock =
  | { kind: "added" | "removed"; text: string }
  | { kind: "changed"; parts: InlinePart[] }
  /** A run of unchanged paragraphs, counted rather than repeated: the reader came for the changes. */
  | { kind: "unchanged"; count: number };

/** Paragraphs of a Markdown text: blocks separated by blank lines, whitespace inside tidied. */
export function paragraphsOf(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .split(/\n\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}

/** Word-level changes inside one paragraph that was rewritten rather than replaced. */
export function inlineChanges(before: string, after: string): InlinePart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/**
 * Two paragraphs are the same paragraph edited (shown word by word) when at least half of the
 * longer one's words survive; otherwise one was removed and another added (shown whole), which
 * reads better than a confetti of single-word changes.
 */
export function isEdit(before: string, after: string): boolean {
  const words = (text: string) => text.match(/\S+/g)?.length ?? 0;
  const kept = inlineChanges(before, after)
    .filter((part) => part.kind === "same")
    .reduce((sum, part) => sum + words(part.text), 0);
  return kept * 2 >= Math.max(words(before), words(after));
}

export function diffLessonText(before: string, after: string): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    // Removed and added paragraphs at one place pair up in order: each pair is either one
    // paragraph edited or one replaced by another; the surplus on either side stands alone.
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      if (isEdit(removed[i], added[i])) blocks.push({ kind: "changed", parts: inlineChanges(removed[i], added[i]) });
      else blocks.push({ kind: "removed", text: removed[i] }, { kind: "added", text: added[i] });
    }
    for (const text of removed.slice(pairs)) blocks.push({ kind: "removed", text });
    for (const text of added.slice(pairs)) blocks.push({ kind: "added", text });
    removed = [];
    added = [];
  };
  for (const change of diffArrays(paragraphsOf(before), paragraphsOf(after))) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      // Two runs of common paragraphs are never adjacent in the diff, so each run is one block.
      blocks.push({ kind: "unchanged", count: change.value.length });
    }
  }
  flush();
  return blocks;
}

/** True when the lesson's words changed (a change of its video, title or settings alone shows no diff). */
export function hasTextChanges(blocks: DiffBlock[]): boolean {
  return blocks.some((block) => block.kind !== "unchanged");
}
