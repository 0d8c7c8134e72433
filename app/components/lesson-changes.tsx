import type { DiffBlock, InlinePart } from "~/lib/courses/lesson-diff";
import { useT } from "~/lib/i18n/use-t";

export type LessonChangesData = DiffBlock[] | "new" | null;

/**
 * "What changed" inside a lesson of an update course: removed text struck through, new text
 * underlined, each also named in words for screen readers (which announce neither <del> nor <ins>).
 */
export function LessonChanges({ changes }: { changes: LessonChangesData }) {
  const { t } = useT();
  if (!changes) return null;
  if (changes === "new")
    return (
      <p className="card border-l-4 border-l-emerald-600 text-base" data-testid="lesson-changes">
        {t("lesson.changes.new")}
      </p>
    );
  return (
    <section
      className="card space-y-3 border-l-4 border-l-amber-500"
      aria-labelledby="lesson-changes-title"
      data-testid="lesson-changes"
    >
      <h2 id="lesson-changes-title" className="text-lg font-bold">
        {t("lesson.changes.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("lesson.changes.intro")}</p>
      {changes.map((block, index) => (
        <ChangeBlock key={index} block={block} />
      ))}
    </section>
  );
}

function ChangeBlock({ block }: { block: DiffBlock }) {
  const { t } = useT();
  switch (block.kind) {
    case "unchanged":
      return (
        <p className="text-sm italic text-slate-600">
          {block.count === 1 ? t("lesson.changes.unchangedOne") : t("lesson.changes.unchanged", { count: block.count })}
        </p>
      );
    case "added":
      return (
        <p className="whitespace-pre-line">
          <Inline part={{ kind: "added", text: block.text }} />
        </p>
      );
    case "removed":
      return (
        <p className="whitespace-pre-line">
          <Inline part={{ kind: "removed", text: block.text }} />
        </p>
      );
    case "changed":
      return (
        <p className="whitespace-pre-line">
          {block.parts.map((part, index) => (
            <Inline key={index} part={part} />
          ))}
        </p>
      );
  }
}

function Inline({ part }: { part: InlinePart }) {
  const { t } = useT();
  if (part.kind === "same") return <>{part.text}</>;
  if (part.kind === "added")
    return (
      <ins className="rounded bg-emerald-100 px-0.5 text-emerald-950 underline decoration-2">
        <span className="sr-only">{t("lesson.changes.added")} </span>
        {part.text}
      </ins>
    );
  return (
    <del className="rounded bg-red-100 px-0.5 text-red-950 line-through decoration-2">
      <span className="sr-only">{t("lesson.changes.removed")} </span>
      {part.text}
    </del>
  );
}
