// The audit trail as use cases see it: one line per write site — audit(tx, viewer, action, subject) — in
// the write's own transaction, and the checks an outside party can repeat on an export's chain head.
import type { Viewer } from "../domain/policy.ts";
import {
  type AuditEntry,
  type AuditHead,
  type AuditVerdict,
  appendAudit,
  auditHead,
  listAudit,
  verifyAudit,
} from "../store/audit.ts";
import type { Db } from "../store/db.ts";
import { authorize } from "./authorize.ts";

export type { AuditEntry, AuditHead, AuditVerdict };

/**
 * Appends `action` on `subject` by `viewer` to the hash chain. Call it with the transaction of the write it
 * records. `detail` says what changed in outline (ids, counts, field names) and never holds a restricted value.
 */
export async function audit(
  tx: Db,
  viewer: Viewer,
  action: string,
  subject: string,
  detail?: Record<string, unknown>,
): Promise<AuditHead> {
  return appendAudit(tx, {
    actor: viewer.userId ?? "anonymous",
    role: viewer.role,
    action,
    subject,
    detail,
  });
}

/** Checks the whole chain (and, given one, that a head published earlier is still in it). */
export async function verifyAuditLog(db: Db, expect?: AuditHead): Promise<AuditVerdict> {
  return verifyAudit(db, expect);
}

export async function currentAuditHead(db: Db): Promise<AuditHead> {
  return auditHead(db);
}

/** Recent entries for an administrator, newest first. */
export async function recentAudit(
  db: Db,
  viewer: Viewer,
  f: { limit?: number; subject?: string } = {},
): Promise<AuditEntry[]> {
  authorize(viewer, "read", "audit");
  return listAudit(db, { limit: f.limit ?? 100, subject: f.subject, newestFirst: true });
}
