/**
 * Stored SCORM packages as the content layer uses them (import, versions, export): written in
 * the caller's transaction, referred to by the zip's SHA-256. No authoring or course imports, so
 * the content importer can use it without a cycle.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { ScormLessonSpec } from "~/lib/content/format";
import type { Db } from "~/lib/db.server";
import type { ScormManifest } from "./manifest";
import { mimeTypeOf, type ScormPackageFiles } from "./package";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const scosSchema = z.array(z.object({ identifier: z.string(), title: z.string(), href: z.string() }));
export const standardSchema = z.enum(["scorm12", "scorm2004"]);
export const ruleSchema = z.enum(["completed", "passed", "score"]);

export const sha256Hex = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** The package's row, written once per distinct zip (same bytes → same row, whoever uploads it). */
export async function storeScormPackage(
  tx: Tx,
  bytes: Uint8Array,
  manifest: ScormManifest,
  files: ScormPackageFiles,
): Promise<{ id: string; sha256: string }> {
  const sha256 = sha256Hex(bytes);
  const existing = await tx.scormPackage.findUnique({ where: { sha256 }, select: { id: true } });
  if (existing) return { id: existing.id, sha256 };
  const created = await tx.scormPackage.create({
    data: {
      sha256,
      standard: manifest.standard,
      title: manifest.title,
      launchHref: manifest.launchHref,
      masteryScore: manifest.masteryScore,
      scos: manifest.scos,
      size: bytes.length,
    },
    select: { id: true },
  });
  for (const [path, content] of files)
    await tx.scormFile.create({
      data: { packageId: created.id, path, mimeType: mimeTypeOf(path), bytes: Buffer.from(content) },
      select: { id: true },
    });
  return { id: created.id, sha256 };
}

/** The lesson columns of a bundle's SCORM spec (`sha256:` refs only; files are resolved before). */
export async function scormColumns(tx: Tx, spec: ScormLessonSpec | undefined) {
  if (!spec) return { kind: "page", scormPackageId: null, scormRule: null, scormPassPercent: null };
  const sha256 = spec.package.startsWith("sha256:") ? spec.package.slice(7) : "";
  const row = sha256 ? await tx.scormPackage.findUnique({ where: { sha256 }, select: { id: true } }) : null;
  if (!row) throw new ScormPackageMissing(spec.package);
  return { kind: "scorm", scormPackageId: row.id, scormRule: spec.rule, scormPassPercent: spec.passPercent ?? null };
}

export class ScormPackageMissing extends Error {
  constructor(readonly ref: string) {
    super(`SCORM package ${ref} is not stored on this server`);
  }
}

/** A stored lesson's SCORM spec as a bundle carries it (undefined for a page lesson). */
export function lessonScorm(lesson: {
  kind: string;
  scormRule: string | null;
  scormPassPercent: number | null;
  scormPackage: { sha256: string } | null;
}): ScormLessonSpec | undefined {
  if (lesson.kind !== "scorm" || !lesson.scormPackage) return undefined;
  return {
    package: `sha256:${lesson.scormPackage.sha256}`,
    rule: ruleSchema.parse(lesson.scormRule ?? "completed"),
    ...(lesson.scormPassPercent !== null ? { passPercent: lesson.scormPassPercent } : {}),
  };
}
