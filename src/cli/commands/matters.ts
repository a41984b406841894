// `habeas matters list|show` and `habeas orders list|show`: legal matters (dockets included) and court orders.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { formatWhen } from "../../domain/time.ts";
import { args, type Command, PAGE_OPTIONS, pageOf } from "../context.ts";
import { printJson, printPageFooter, printTable } from "../output.ts";

function oneId(positionals: string[], what: string): string {
  const id = positionals[0];
  if (!id || positionals.length > 1) throw badInput(`give exactly one ${what} id (see habeas ${what}s list)`);
  return id;
}

export const mattersList: Command = {
  name: "matters list",
  summary: "list legal matters: court, docket number, case name",
  usage: "matters list [--limit N] [--offset N] [--json]",
  async run(ctx, argv) {
    const { pageOfMattersFor } = await import("../../services/catalog.ts");
    const { values } = args(argv, PAGE_OPTIONS);
    const page = pageOf(values);
    const { db } = await ctx.store();
    const { matters, total } = await pageOfMattersFor(db, OPERATOR, page);
    if (ctx.out.json) {
      // case_name: the docket's own word for the caption, for scripts that compare with the docket.
      printJson(
        ctx.out,
        matters.map((m) => ({ ...m, case_name: m.caption })),
      );
      return 0;
    }
    if (matters.length)
      printTable(
        ctx.out,
        ["id", "court", "docket", "case", "filed", "status"],
        matters.map((m) => [m.id, m.court, m.docket_number, m.caption, m.filed_on, m.status]),
      );
    printPageFooter(
      ctx.out,
      { offset: page.offset, shown: matters.length, total },
      "legal matters",
      "no legal matters recorded yet (try: habeas import <docket.json>)",
    );
    return 0;
  },
};

export const mattersShow: Command = {
  name: "matters show",
  summary: "show one legal matter: court, parties, judge, its docket entries and orders",
  usage: "matters show <id> [--json]",
  async run(ctx, argv) {
    const { getMatterDocket } = await import("../../services/catalog.ts");
    const { positionals } = args(argv, {});
    const id = oneId(positionals, "matter");
    const { db } = await ctx.store();
    const r = await getMatterDocket(db, id, OPERATOR);
    if (ctx.out.json) {
      printJson(ctx.out, { ...r, matter: { ...r.matter, case_name: r.matter.caption } });
      return 0;
    }
    const m = r.matter;
    const o = ctx.out;
    o.write(`${m.caption}`);
    o.write(
      `${m.court}${m.docket_number ? ` · ${m.docket_number}` : ""}${m.judge ? ` · Judge ${m.judge}` : ""}`,
    );
    if (m.nature_of_suit || m.cause)
      o.write(`Nature of suit: ${m.nature_of_suit ?? "—"} · cause: ${m.cause ?? "—"}`);
    o.write(
      `Filed: ${m.filed_on ?? "?"}${m.decided_on ? ` · terminated ${m.decided_on}` : ""} · ${m.status ?? ""}`,
    );
    if (m.parties.length) o.write(`Parties: ${m.parties.join("; ")}`);
    o.write(
      `People on record: ${m.people.length ? m.people.join(", ") : "none linked (see habeas review list)"}`,
    );
    if (r.orders.length) {
      o.write("\nOrders:");
      printTable(
        o,
        ["issued", "kind", "id", "order"],
        r.orders.map((x) => [
          formatWhen({ at: x.issued_at, precision: x.precision, tz: x.tz }),
          x.kind,
          x.id,
          x.summary.slice(0, 100),
        ]),
      );
    }
    if (r.entries.length) {
      o.write("\nDocket:");
      printTable(
        o,
        ["#", "filed", "class", "entry"],
        r.entries.map((e) => [e.number ?? "", e.date_filed ?? "", e.class, e.description.slice(0, 100)]),
      );
    }
    return 0;
  },
};

export const ordersList: Command = {
  name: "orders list",
  summary: "list court orders: kind, matter, when issued",
  usage: "orders list [--matter ID] [--limit N] [--offset N] [--json]",
  async run(ctx, argv) {
    const { pageOfOrdersFor } = await import("../../services/catalog.ts");
    const { values } = args(argv, { matter: { type: "string" }, ...PAGE_OPTIONS });
    const page = pageOf(values);
    const { db } = await ctx.store();
    const { orders, total } = await pageOfOrdersFor(db, OPERATOR, page, { matter: values.matter });
    if (ctx.out.json) {
      printJson(ctx.out, orders);
      return 0;
    }
    if (orders.length)
      printTable(
        ctx.out,
        ["id", "matter", "kind", "issued", "order"],
        orders.map((x) => [
          x.id,
          x.matter,
          x.kind,
          formatWhen({ at: x.issued_at, precision: x.precision, tz: x.tz }),
          x.summary.slice(0, 80),
        ]),
      );
    printPageFooter(
      ctx.out,
      { offset: page.offset, shown: orders.length, total },
      "court orders",
      values.matter ? `no court orders recorded in ${values.matter}` : "no court orders recorded",
    );
    return 0;
  },
};

export const ordersShow: Command = {
  name: "orders show",
  summary: "show one court order with its sources",
  usage: "orders show <id> [--json]",
  async run(ctx, argv) {
    const { getOrderFor } = await import("../../services/catalog.ts");
    const { positionals } = args(argv, {});
    const id = oneId(positionals, "order");
    const { db } = await ctx.store();
    const x = await getOrderFor(db, id, OPERATOR);
    if (ctx.out.json) {
      printJson(ctx.out, x);
      return 0;
    }
    const o = ctx.out;
    o.write(
      `${x.kind} in ${x.matter}, issued ${formatWhen({ at: x.issued_at, precision: x.precision, tz: x.tz })}`,
    );
    if (x.bars.length) o.write(`Bars: ${x.bars.join(", ")}`);
    if (x.covers.people.length) o.write(`Covers: ${x.covers.people.join(", ")}`);
    o.write(`\n${x.summary}`);
    o.write(`\nSources: ${x.citations.map((c) => c.source).join(", ") || "none"}`);
    return 0;
  },
};
