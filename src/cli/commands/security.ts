// `habeas keys rotate|status`, `habeas audit verify|head|list` and `habeas family-code create`: the
// operator's side of encryption at rest, the tamper-evident log, and family access.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export const keysRotate: Command = {
  name: "keys rotate",
  summary: "make a new encryption key, re-encrypt every restricted field under it, retire the old key",
  usage: "keys rotate [--new-key-file PATH]   (PATH is needed when the key comes from HABEAS_KEY)",
  async run(ctx, argv) {
    const { rotateKeys } = await import("../../services/keys.ts");
    const { values } = args(argv, { "new-key-file": { type: "string" } });
    const store = await ctx.store();
    const r = await rotateKeys(store, { newKeyFile: values["new-key-file"] }, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, r);
    else {
      const n = Object.entries(r.resealed)
        .map(([t, c]) => `${c} ${t}`)
        .join(", ");
      ctx.out.write(
        `habeas: re-encrypted ${n} under key ${r.key_id}; retired ${r.retired.join(", ") || "none"}`,
      );
      if (r.env_key)
        ctx.out.write(
          `habeas: the new key is in ${r.key_file}: set HABEAS_KEY to its key line (or HABEAS_KEY_FILE=${r.key_file}) before the next start`,
        );
      else
        ctx.out.write(
          `habeas: ${r.key_file} now holds only the new key — back it up, apart from the database`,
        );
    }
    return 0;
  },
};

export const keysStatus: Command = {
  name: "keys status",
  summary: "where the encryption key comes from and which key the stored values use",
  usage: "keys status",
  async run(ctx, argv) {
    const { keyStatus } = await import("../../services/keys.ts");
    args(argv, {});
    const store = await ctx.store();
    const status = await keyStatus(store);
    if (ctx.out.json) printJson(ctx.out, status);
    else {
      ctx.out.write(
        `key source: ${status.source}${status.current ? ` (current key ${status.current})` : ""}`,
      );
      for (const [k, n] of Object.entries(status.in_use)) ctx.out.write(`  ${n} record(s) under key ${k}`);
    }
    return 0;
  },
};

/** "SEQ:HASH", as `habeas audit head` and exports print it. */
function parseHead(s: string): { seq: number; hash: string } {
  const m = /^(\d+):([a-f0-9]{64})$/.exec(s.trim());
  if (!m) throw badInput("--head is SEQ:HASH, as `habeas audit head` prints it");
  return { seq: Number(m[1]), hash: m[2] as string };
}

export const auditVerify: Command = {
  name: "audit verify",
  summary: "check the audit log's hash chain; names the first entry that was changed (exit 1 when broken)",
  usage:
    "audit verify [--head SEQ:HASH]   (--head: a head published earlier, e.g. in an export, must still be there)",
  async run(ctx, argv) {
    const { verifyAuditLog } = await import("../../services/audit.ts");
    const { values } = args(argv, { head: { type: "string" } });
    const { db } = await ctx.store();
    const v = await verifyAuditLog(db, values.head ? parseHead(values.head) : undefined);
    if (ctx.out.json) printJson(ctx.out, v);
    else if (v.ok)
      ctx.out.write(`habeas: audit log intact: ${v.entries} entries, head ${v.head.seq}:${v.head.hash}`);
    else
      ctx.out.error(
        `habeas: audit log BROKEN at entry ${v.broken.seq}: ${v.broken.reason} (${v.entries} entries before it hold)`,
      );
    return v.ok ? 0 : 1;
  },
};

export const auditHead: Command = {
  name: "audit head",
  summary: "print the audit chain head (SEQ:HASH) to publish or keep elsewhere",
  usage: "audit head",
  async run(ctx, argv) {
    const { currentAuditHead } = await import("../../services/audit.ts");
    args(argv, {});
    const { db } = await ctx.store();
    const h = await currentAuditHead(db);
    if (ctx.out.json) printJson(ctx.out, h);
    else ctx.out.write(`${h.seq}:${h.hash}`);
    return 0;
  },
};

export const auditList: Command = {
  name: "audit list",
  summary: "the latest audit entries, newest first",
  usage: "audit list [--limit N] [--subject KIND:ID]",
  async run(ctx, argv) {
    const { recentAudit } = await import("../../services/audit.ts");
    const { values } = args(argv, { limit: { type: "string", default: "50" }, subject: { type: "string" } });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw badInput("--limit must be 1 to 10000");
    const { db } = await ctx.store();
    const entries = await recentAudit(db, OPERATOR, { limit, subject: values.subject });
    if (ctx.out.json) printJson(ctx.out, entries);
    else
      printTable(
        ctx.out,
        ["#", "at", "who", "action", "subject", "detail"],
        entries.map((e) => [
          e.seq,
          e.at,
          `${e.actor} (${e.role})`,
          e.action,
          e.subject,
          e.detail === "{}" ? "" : e.detail,
        ]),
      );
    return 0;
  },
};

export const familyCodeCreate: Command = {
  name: "family-code create",
  summary: "issue a case code and passphrase for a person's family (shown once; earlier codes stop working)",
  usage: "family-code create <person-id>",
  async run(ctx, argv) {
    const { createFamilyCode } = await import("../../services/family-access.ts");
    const { positionals } = args(argv, {});
    const id = positionals[0];
    if (!id || positionals.length > 1) throw badInput("give one person id");
    const { db } = await ctx.store();
    const r = await createFamilyCode(db, id, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, r);
    else {
      ctx.out.write(`Case code:   ${r.code}\nPassphrase:  ${r.passphrase}`);
      ctx.out.error(
        "habeas: give both to the family privately (in person or by phone); they are not stored and cannot be shown again. They are used at /family.",
      );
    }
    return 0;
  },
};
