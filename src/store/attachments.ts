// Attached documents: metadata and bytes, the bytes sealed (as base64 text) when the record is private.
import { openFor, sealFor } from "./cipher.ts";
import type { Db } from "./db.ts";
import type { AttachmentsTable } from "./schema.ts";

export type AttachmentMeta = Omit<AttachmentsTable, "bytes" | "sealed">;
const context = (id: string) => `attachments.bytes:${id}`;
const META = [
  "id",
  "subject_kind",
  "subject_id",
  "file_name",
  "media_type",
  "size",
  "sha256",
  "captured_at",
  "restricted",
  "created_by",
] as const;

export async function insertAttachment(db: Db, meta: AttachmentMeta, bytes: Uint8Array): Promise<void> {
  const sealed = meta.restricted
    ? sealFor(db, Buffer.from(bytes).toString("base64"), context(meta.id))
    : null;
  await db
    .insertInto("attachments")
    .values({ ...meta, bytes: meta.restricted ? null : bytes, sealed })
    .execute();
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentMeta | undefined> {
  return db.selectFrom("attachments").select(META).where("id", "=", id).executeTakeFirst();
}

/** The original bytes, opened when sealed (a changed byte or a wrong key is an error, never garbage). */
export async function attachmentBytes(db: Db, id: string): Promise<Uint8Array | undefined> {
  const r = await db
    .selectFrom("attachments")
    .select(["bytes", "sealed"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  if (r.sealed) return Buffer.from(openFor(db, r.sealed, context(id)), "base64");
  return r.bytes ? Buffer.from(r.bytes) : undefined;
}

export async function listAttachments(db: Db, kind: string, subjectId: string): Promise<AttachmentMeta[]> {
  return db
    .selectFrom("attachments")
    .select(META)
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .orderBy("captured_at")
    .orderBy("id")
    .execute();
}

/** The stored form of a sealed attachment, for tests that check nothing is kept in the clear. */
export async function rawAttachment(db: Db, id: string) {
  return db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
}
