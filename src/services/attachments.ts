// Documents attached to a person, event, order or source, and the captured original of every source: kept
// with their SHA-256, capture time, sniffed type and original name; sealed when the record is private;
// read only by who may see the record, each read of a sealed one written to the audit log.

import { createHash } from "node:crypto";
import { AppError, badInput } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import { can, clearanceOf, isPublic, type Viewer } from "../domain/policy.ts";
import { cleanFileName, DOCUMENT_KINDS, sniffDocument } from "../ingest/file-kind.ts";
import {
  type AttachmentMeta,
  attachmentBytes,
  findAttachment,
  insertAttachment,
  listAttachments,
} from "../store/attachments.ts";
import { findMatterById, findOrderById, findSourceById } from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import { findEventById } from "../store/events.ts";
import { findCapture } from "../store/evidence.ts";
import { findPeopleByIds, findPersonById } from "../store/people.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { getSource } from "./catalog.ts";
import * as scope from "./scope.ts";

type SubjectKind = "person" | "event" | "order" | "source";
export type SubjectRef = { kind: SubjectKind; id: string };
export type { AttachmentMeta };
export type Download = {
  file_name: string;
  media_type: string;
  sha256: string;
  captured_at: string;
  bytes: Uint8Array;
};

/**
 * May this viewer see the record (the scope's loaders decide), and is it private (its documents sealed)?
 * The one access check of this feature.
 */
async function subjectAccess(
  db: Db,
  ref: SubjectRef,
  viewer: Viewer,
): Promise<{ visible: boolean; private: boolean }> {
  // Documents are case material: only viewers with full access to the record (their team's case) reach them;
  // another team's public case is as if it had none.
  const hidden = { visible: false, private: true };
  try {
    switch (ref.kind) {
      case "person": {
        const p = await scope.loadPerson(db, viewer, ref.id);
        return { visible: scope.accessTo(viewer, p) === "full", private: !isPublic(p) };
      }
      case "event": {
        const { person } = await scope.loadEvent(db, viewer, ref.id);
        return { visible: scope.accessTo(viewer, person) === "full", private: !isPublic(person) };
      }
      case "order": {
        const o = await scope.loadOrder(db, viewer, ref.id);
        const covered = (await findOrderById(db, ref.id))?.covers.people ?? o.covers.people;
        const people = await findPeopleByIds(db, covered);
        const m = await findMatterById(db, o.matter);
        return {
          visible: (await scope.recordAccess(db, viewer, covered)) === "full",
          private: people.some((p) => !isPublic(p)) || !m?.docket_number,
        };
      }
      case "source":
        return { visible: true, private: !scope.isPublished(await scope.loadSource(db, viewer, ref.id)) };
    }
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return hidden;
    throw e;
  }
}

const notFound = (ref: SubjectRef) =>
  new AppError("NOT_FOUND", `no ${ref.kind === "order" ? "court order" : ref.kind} with id ${ref.id}`);

/** "person:abc", or a bare id looked up among people, events, orders and sources (refused when ambiguous). */
export async function resolveRecord(db: Db, text: string, viewer: Viewer): Promise<SubjectRef> {
  const m = /^(person|event|order|source):(.+)$/.exec(text.trim());
  if (m) return { kind: m[1] as SubjectKind, id: m[2] as string };
  const id = text.trim();
  const found: SubjectRef[] = [];
  if (await findPersonById(db, id)) found.push({ kind: "person", id });
  if (await findEventById(db, id)) found.push({ kind: "event", id });
  if (await findOrderById(db, id)) found.push({ kind: "order", id });
  if (await findSourceById(db, id)) found.push({ kind: "source", id });
  const seen = [];
  for (const f of found) if ((await subjectAccess(db, f, viewer)).visible) seen.push(f);
  if (!seen.length) throw new AppError("NOT_FOUND", `no record with id ${id}`);
  if (seen.length > 1)
    throw badInput(
      `${id} names ${seen.map((f) => `a ${f.kind}`).join(" and ")}: write ${seen[0]?.kind}:${id}`,
    );
  return seen[0] as SubjectRef;
}

/** Attaches a file to a record; returns its metadata (id, SHA-256, sniffed type …). */
export async function attachFile(
  db: Database,
  ref: SubjectRef,
  file: { name: string; bytes: Uint8Array },
  viewer: Viewer,
  opts: { maxBytes: number },
): Promise<AttachmentMeta> {
  authorize(viewer, "write", ref.kind === "source" ? "source" : "case");
  const access = await subjectAccess(db, ref, viewer);
  if (!access.visible) throw notFound(ref);
  if (!file.bytes.length) throw badInput(`${cleanFileName(file.name)} is empty`);
  if (file.bytes.length > opts.maxBytes)
    throw new AppError(
      "TOO_LARGE",
      `${cleanFileName(file.name)} is larger than ${Math.floor(opts.maxBytes / 1048576)} MiB`,
    );
  const type = await sniffDocument(file.bytes);
  if (!type) throw badInput(`${cleanFileName(file.name)} is not ${DOCUMENT_KINDS}`);
  const meta: AttachmentMeta = {
    id: newId(cleanFileName(file.name).replace(/\.[^.]*$/, "")),
    subject_kind: ref.kind,
    subject_id: ref.id,
    file_name: cleanFileName(file.name),
    media_type: type.mediaType,
    size: file.bytes.length,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    captured_at: new Date().toISOString(),
    restricted: access.private ? 1 : 0,
    created_by: viewer.userId ?? viewer.role,
  };
  await db.transaction().execute(async (tx) => {
    await insertAttachment(tx, meta, file.bytes);
    await audit(tx, viewer, "attachment.add", `${ref.kind}:${ref.id}`, {
      attachment: meta.id,
      sha256: meta.sha256,
      size: meta.size,
      media_type: meta.media_type,
      sealed: meta.restricted === 1,
    });
  });
  return meta;
}

/** An attachment's bytes for download; invisible ones answer like missing ones. Sealed reads are audited. */
export async function getAttachment(
  db: Database,
  id: string,
  viewer: Viewer,
): Promise<Download & { meta: AttachmentMeta }> {
  authorize(viewer, "read", "case");
  const meta = await findAttachment(db, id);
  const ref = meta && ({ kind: meta.subject_kind as SubjectKind, id: meta.subject_id } as SubjectRef);
  if (!meta || !ref || !(await subjectAccess(db, ref, viewer)).visible)
    throw new AppError("NOT_FOUND", `no attachment with id ${id}`);
  const bytes = await db.transaction().execute(async (tx) => {
    const b = await attachmentBytes(tx, id);
    if (meta.restricted)
      await audit(tx, viewer, "restricted.read", `${ref.kind}:${ref.id}`, {
        attachment: id,
        sha256: meta.sha256,
      });
    return b;
  });
  if (!bytes) throw new AppError("NOT_FOUND", `no attachment with id ${id}`);
  return { ...meta, meta, bytes };
}

export async function attachmentsOf(db: Db, ref: SubjectRef, viewer: Viewer): Promise<AttachmentMeta[]> {
  if (!can(viewer, "read", "case")) return [];
  if (!(await subjectAccess(db, ref, viewer)).visible) throw notFound(ref);
  return listAttachments(db, ref.kind, ref.id);
}

/** The documents of several records at once (a person's page: the person, their events and orders). */
export async function attachmentsOfAll(
  db: Db,
  refs: SubjectRef[],
  viewer: Viewer,
): Promise<AttachmentMeta[]> {
  if (!can(viewer, "read", "case")) return [];
  const out: AttachmentMeta[] = [];
  for (const ref of refs)
    if ((await subjectAccess(db, ref, viewer)).visible)
      out.push(...(await listAttachments(db, ref.kind, ref.id)));
  return out;
}

/** The original bytes a source was captured from (an article, a docket file), as the source's readers may. */
export async function getSourceOriginal(db: Database, sourceId: string, viewer: Viewer): Promise<Download> {
  const s = await getSource(db, sourceId, viewer);
  const cap = s.capture_sha256 ? await findCapture(db, s.capture_sha256) : undefined;
  if (!cap) throw new AppError("NOT_FOUND", `source ${sourceId} has no captured original`);
  if (clearanceOf(viewer) !== "public" && !scope.isPublished(s))
    await db
      .transaction()
      .execute((tx) => audit(tx, viewer, "restricted.read", `source:${sourceId}`, { original: cap.sha256 }));
  return {
    file_name: cleanFileName(cap.file_name ?? `${sourceId}`),
    media_type: cap.media_type,
    sha256: cap.sha256,
    captured_at: cap.captured_at,
    bytes: Buffer.from(cap.bytes),
  };
}

/** The page a record's documents are shown on: people by id, events on their person's page. */
export async function recordPath(db: Db, ref: SubjectRef): Promise<string> {
  const e = ref.kind === "event" ? await findEventById(db, ref.id) : undefined;
  const id = encodeURIComponent(ref.id);
  if (ref.kind === "person") return `/people/${id}?saved=attach#att-person-${ref.id}-h`;
  if (ref.kind === "source") return `/sources/${id}?saved=attach`;
  if (ref.kind === "order") return `/orders?saved=attach#order-${ref.id}`;
  return e ? `/people/${encodeURIComponent(e.person)}?saved=attach#ev-${ref.id}` : "/workspace";
}
