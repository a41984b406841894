// `habeas delete person|event <id> --reason TEXT`, `habeas deleted list` and `habeas restore <id>`: removing a
// mistaken record (gone from every read, audited) and putting it back.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command, limitOf } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export const deleteRecord: Command = {
  name: "delete",
  summary: "remove a mistaken person or event (with a reason; `habeas restore` puts it back)",
  usage: "delete person|event <id> --reason TEXT [--json]",
  async run(ctx, argv) {
    const { deleteEvent, deletePerson } = await import("../../services/soft-delete.ts");
    const { values, positionals } = args(argv, { reason: { type: "string" } });
    const [kind, id] = positionals;
    if ((kind !== "person" && kind !== "event") || !id || positionals.length > 2)
      throw badInput(`give what to remove and its id: habeas ${this.usage}`);
    if (!values.reason) throw badInput("say why with --reason");
    const { db } = await ctx.store();
    const t =
      kind === "person"
        ? await deletePerson(db, id, values.reason, OPERATOR)
        : await deleteEvent(db, id, values.reason, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, t);
    else ctx.out.write(`habeas: removed ${kind} ${id}; to put it back: habeas restore ${t.id}`);
    return 0;
  },
};

export const deletedList: Command = {
  name: "deleted list",
  summary: "removed people and events, newest first",
  usage: "deleted list [--limit N] [--json]",
  async run(ctx, argv) {
    const { listDeleted } = await import("../../services/soft-delete.ts");
    const { values } = args(argv, { limit: { type: "string" } });
    const limit = limitOf(values.limit);
    const { db } = await ctx.store();
    // Every removed record unless --limit says otherwise (it stopped at the newest 200 without a word).
    const { total, items } = await listDeleted(db, OPERATOR, { limit });
    if (ctx.out.json) printJson(ctx.out, items);
    else if (!items.length) ctx.out.write("nothing has been removed");
    else
      printTable(
        ctx.out,
        ["id", "kind", "record", "removed", "by", "reason", "restored"],
        items.map((x) => [x.id, x.kind, x.record_id, x.deleted_at, x.deleted_by, x.reason, x.restored_at]),
      );
    if (!ctx.out.json && items.length < total)
      ctx.out.write(`${items.length} of ${total} removed record(s) shown, newest first (--limit)`);
    return 0;
  },
};

export const restoreRecord: Command = {
  name: "restore",
  summary: "put a removed person or event back, exactly as it was",
  usage: "restore <deleted-id> [--json]",
  async run(ctx, argv) {
    const { restoreDeleted } = await import("../../services/soft-delete.ts");
    const { positionals } = args(argv, {});
    const id = positionals[0];
    if (!id || positionals.length > 1)
      throw badInput(`give one id from habeas deleted list: habeas ${this.usage}`);
    const { db } = await ctx.store();
    const t = await restoreDeleted(db, id, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, t);
    else ctx.out.write(`habeas: restored ${t.kind} ${t.record_id}`);
    return 0;
  },
};
