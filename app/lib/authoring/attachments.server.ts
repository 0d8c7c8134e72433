/**
 * Lesson attachments: checked (extension, signature, size) entirely in memory before anything
 * is written, stored once per content under UPLOADS_DIR by SHA-256, and served only to the
 * course's authors, admins and learners enrolled in the version the lesson belongs to.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { SessionUser } from "~/lib/accounts/auth.server";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { AuthorContext } from "./access.server";
import { withDraft, type Saved } from "./authoring.server";
import { checkAttachment, MAX_ATTACHMENT_BYTES } from "./upload";
import { invariantResponse } from "~/lib/http.server";

export type UploadedFile = { name: string; bytes: Uint8Array };
export type MultipartResult =
  | { ok: true; file: UploadedFile | null; fields: FormData }
  | { ok: false; error: "authoring.upload.tooLarge" | "authoring.upload.invalidRequest" };

/**
 * Reads a multipart form with one file field into memory. A file above `maxBytes` is refused
 * without being kept: its bytes are read and dropped (memory stays bounded), because a browser
 * that is still sending its upload would not see an early answer. The server already caps the
 * whole request (25 MB on upload/import paths, 413 above that).
 */
export async function readMultipart(request: Request, fileField: string, maxBytes: number): Promise<MultipartResult> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    return { ok: false, error: "authoring.upload.invalidRequest" };
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const keep = name === fileField || filename === undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (keep && size <= maxBytes) chunks.push(chunk);
    }
    if (!keep) return undefined;
    if (size > maxBytes) {
      tooLarge = true;
      return undefined;
    }
    return filename === undefined
      ? new TextDecoder().decode(Buffer.concat(chunks))
      : new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    if (tooLarge) return { ok: false, error: "authoring.upload.tooLarge" };
    const value = fields.get(fileField);
    const file =
      value && typeof value !== "string" && value.size > 0
        ? { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) }
        : null;
    return { ok: true, file, fields };
  } catch {
    return { ok: false, error: "authoring.upload.invalidRequest" };
  }
}

export function storedPath(sha256: string): string {
  return path.join(env.uploadsDir, sha256.slice(0, 2), sha256);
}

/** Writes the bytes under their hash (atomically: a temporary file renamed into place). */
function storeBlob(bytes: Uint8Array): string {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const target = storedPath(sha256);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${crypto.randomUUID()}.tmp`;
    fs.writeFileSync(temp, bytes, { mode: 0o640 });
    fs.renameSync(temp, target);
  }
  return sha256;
}

export type AttachmentResult =
  (Saved & { attachment: { id: string; fileName: string; size: number } }) | { ok: false; error: string };

export async function addAttachment(
  ctx: AuthorContext,
  lessonKey: string,
  file: UploadedFile | null,
): Promise<AttachmentResult> {
  if (!file) return { ok: false, error: "authoring.upload.missing" };
  const verdict = checkAttachment(file.name, file.bytes, MAX_ATTACHMENT_BYTES);
  if (!verdict.ok) return { ok: false, error: verdict.error };
  const sha256 = storeBlob(file.bytes);
  return withDraft(ctx, async (tx, draft) => {
    const lesson = await tx.lesson.findFirst({
      where: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
      select: { id: true },
    });
    invariantResponse(lesson, "Not found", { status: 404 });
    const attachment = await tx.attachment.create({
      data: {
        lessonId: lesson.id,
        fileName: verdict.fileName,
        mimeType: verdict.mimeType,
        size: file.bytes.length,
        sha256,
      },
      select: { id: true, fileName: true, size: true },
    });
    return { ok: true as const, savedAt: new Date().toISOString(), versionNumber: draft.number, attachment };
  });
}

/** Removes an attachment from the draft by file name (ids differ between versions, names do not). */
export async function removeAttachment(ctx: AuthorContext, lessonKey: string, attachmentId: string): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const target = await tx.attachment.findFirst({
      where: { id: attachmentId, lesson: { key: lessonKey, version: { courseId: ctx.courseId } } },
      select: { fileName: true, sha256: true },
    });
    invariantResponse(target, "Not found", { status: 404 });
    const removed = await tx.attachment.deleteMany({
      where: {
        fileName: target.fileName,
        sha256: target.sha256,
        lesson: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
      },
    });
    invariantResponse(removed.count !== 0, "Not found", { status: 404 });
    return { ok: true, savedAt: new Date().toISOString(), versionNumber: draft.number };
  });
}

/** The attachment for someone allowed to read it, or null (the caller answers 404 either way). */
export async function attachmentForDownload(user: SessionUser, attachmentId: string) {
  const row = await prisma.attachment.findFirst({
    where: {
      id: attachmentId,
      ...(user.role === "admin"
        ? {}
        : {
            OR: [
              { lesson: { version: { enrollments: { some: { userId: user.id } } } } },
              { lesson: { version: { course: { authors: { some: { userId: user.id } } } } } },
            ],
          }),
    },
    select: { fileName: true, mimeType: true, size: true, sha256: true },
  });
  if (!row) return null;
  const file = storedPath(row.sha256);
  if (!fs.existsSync(file)) return null;
  return { ...row, file };
}
