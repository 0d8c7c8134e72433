import { useT } from "~/lib/i18n/use-t";

// Its own module, not in components/authoring: the learner's lesson page needs only this, and
// importing it from there put the editor's form library in the lesson page's scripts.

/** Bytes as "1,2 MB" / "340 KB". */
export function useFileSize() {
  const { number } = useT();
  return (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${number(bytes / 1024 / 1024, 1)} MB`
      : `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}
