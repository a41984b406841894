// The tamper-evident audit log: each entry is hashed (SHA-256) together with the previous entry's hash, so
// changing, removing or reordering any entry breaks every hash after it. Appends run inside the caller's
// transaction, so a write and its audit entry commit together or not at all.

import { createHash } from "node:crypto";
import { sql } from "kysely";
import { type Db, inTransaction } from "./db.ts";
import { engineOf } from "./dialect.ts";
import type { AuditLogTable } from "./schema.ts";

export const GENESIS = "0".repeat(64);
// Any constant: PostgreSQL serializes appends on it, so two writers never read the same head.
const PG_LOCK = 0x68616265;

export type AuditInput = {
  actor: string;
  role: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
};
export type AuditEntry = AuditLogTable;
export type AuditHead = { seq: number; hash: string };

/** JSON with object keys sorted at every level: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of an entry: SHA-256 over the previous hash, a newline, and the canonical entry. */
export function entryHash(e: Omit<AuditEntry, "hash">): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    role: e.role,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
  });
  return createHash("sha256").update(`${e.prev_hash}\n${body}`).digest("hex");
}

/** Appends one entry after the current head; returns the new head. */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditHead> {
  return inTransaction(db, async (tx) => {
    if (engineOf(tx) === "postgres") await sql`SELECT pg_advisory_xact_lock(${PG_LOCK})`.execute(tx);
    const head = await auditHead(tx);
    const entry = {
      seq: head.seq + 1,
      at: new Date().toISOString(),
      actor: input.actor,
      role: input.role,
      action: input.action,
      subject: input.subject,
      detail: canonicalJson(input.detail ?? {}),
      prev_hash: head.hash,
    };
    const hash = entryHash(entry);
    await tx
      .insertInto("audit_log")
      .values({ ...entry, hash })
      .execute();
    return { seq: entry.seq, hash };
  });
}

/** The last entry's sequence number and hash ({0, GENESIS} for an empty log). */
export async function auditHead(db: Db): Promise<AuditHead> {
  const r = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash } : { seq: 0, hash: GENESIS };
}

export async function listAudit(
  db: Db,
  f: { afterSeq?: number; limit?: number; subject?: string; newestFirst?: boolean } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.afterSeq !== undefined) q = q.where("seq", ">", f.afterSeq);
  if (f.subject) q = q.where("subject", "=", f.subject);
  q = q.orderBy("seq", f.newestFirst ? "desc" : "asc");
  const rows = await q.limit(f.limit ?? 1000).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export type AuditVerdict =
  | { ok: true; entries: number; head: AuditHead }
  | { ok: false; entries: number; head: AuditHead; broken: { seq: number; reason: string } };

/**
 * Walks the chain from the first entry: every hash recomputed, every link to the previous hash checked,
 * no sequence number skipped. Names the first entry that does not hold. With `expect`, also checks that
 * the chain still contains a head published earlier (an export's), so truncation shows.
 */
export async function verifyAudit(db: Db, expect?: AuditHead): Promise<AuditVerdict> {
  let prev: AuditHead = { seq: 0, hash: GENESIS };
  let entries = 0;
  let sawExpected = !expect || expect.seq === 0;
  for (;;) {
    const batch = await listAudit(db, { afterSeq: prev.seq, limit: 5000 });
    if (!batch.length) break;
    for (const e of batch) {
      const fail = (reason: string) =>
        ({ ok: false, entries, head: prev, broken: { seq: e.seq, reason } }) as const;
      if (e.seq !== prev.seq + 1) {
        return {
          ok: false,
          entries,
          head: prev,
          broken: { seq: prev.seq + 1, reason: `entry ${prev.seq + 1} is missing (the next is ${e.seq})` },
        };
      }
      if (e.prev_hash !== prev.hash) return fail("its previous-hash does not match the entry before it");
      if (entryHash(e) !== e.hash) return fail("its contents do not match its hash");
      if (expect && e.seq === expect.seq) {
        if (e.hash !== expect.hash) return fail("it differs from the head published earlier");
        sawExpected = true;
      }
      prev = { seq: e.seq, hash: e.hash };
      entries++;
    }
  }
  if (!sawExpected && expect)
    return {
      ok: false,
      entries,
      head: prev,
      broken: {
        seq: expect.seq,
        reason: `entry ${expect.seq} of the published head is gone (log truncated)`,
      },
    };
  return { ok: true, entries, head: prev };
}
