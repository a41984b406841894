// `habeas deadlines` (the daily digest of deadlines and hearings), `habeas assign` (cases to staff) and
// `habeas user calendar` (a user's secret calendar feed address).
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import type { DeadlineKind } from "../../services/deadlines.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** "7d", "7" → 7 days. */
function parseDue(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d{1,4})d?$/.exec(s.trim());
  if (!m?.[1]) throw badInput("--due takes a number of days, like 7d");
  return Number(m[1]);
}

export const deadlines: Command = {
  name: "deadlines",
  summary: "deadlines and hearings across cases, overdue first (for a daily digest)",
  usage: "deadlines [--due 7d] [--team T] [--assignee USER] [--kind hearing|court_order|deadline] [--json]",
  async run(ctx, argv) {
    const { DEADLINE_KINDS, listDeadlines } = await import("../../services/deadlines.ts");
    const { values, positionals } = args(argv, {
      due: { type: "string" },
      team: { type: "string" },
      assignee: { type: "string" },
      kind: { type: "string" },
    });
    if (positionals.length) throw badInput(`unexpected argument ${positionals[0]}: habeas ${this.usage}`);
    const kind = values.kind;
    if (kind !== undefined && !(DEADLINE_KINDS as readonly string[]).includes(kind))
      throw badInput(`--kind is one of ${DEADLINE_KINDS.join(", ")}`);
    const due = parseDue(values.due);
    const { db } = await ctx.store();
    const items = await listDeadlines(db, OPERATOR, {
      ...(due !== undefined ? { due } : {}),
      ...(values.team ? { team: values.team } : {}),
      ...(values.assignee ? { assignee: values.assignee.toLowerCase() } : {}),
      ...(kind ? { kind: kind as DeadlineKind } : {}),
    });
    if (ctx.out.json) {
      printJson(ctx.out, items);
      return 0;
    }
    if (!items.length) {
      ctx.out.write("no deadlines or hearings");
      return 0;
    }
    printTable(
      ctx.out,
      ["due", "left", "what", "person", "team", "assigned"],
      items.map((d) => [
        d.at && d.kind === "hearing" ? `${d.date} ${d.at.slice(11, 16)}Z` : d.date,
        d.days_remaining < 0 ? `overdue ${-d.days_remaining}d` : `${d.days_remaining}d`,
        `${d.title}${d.place ? ` (${d.place})` : ""}`,
        `${d.person}`,
        d.team,
        d.assignees.join(", "),
      ]),
    );
    return 0;
  },
};

export const assign: Command = {
  name: "assign",
  summary: "assign a case to a staff member (--remove takes it off them)",
  usage: "assign <person-id> <username> [--remove] [--json]",
  async run(ctx, argv) {
    const { assignCase } = await import("../../services/deadlines.ts");
    const { values, positionals } = args(argv, { remove: { type: "boolean", default: false } });
    const [person, user] = positionals;
    if (!person || !user || positionals.length > 2)
      throw badInput(`give a person id and a username: habeas ${this.usage}`);
    const { db } = await ctx.store();
    const assignees = await assignCase(db, person, user, OPERATOR, { remove: values.remove });
    if (ctx.out.json) printJson(ctx.out, { person, assignees });
    else ctx.out.write(`habeas: ${person} is assigned to ${assignees.join(", ") || "no one"}`);
    return 0;
  },
};

export const userCalendar: Command = {
  name: "user calendar",
  summary: "make a user's secret calendar feed address, shown once (--regenerate replaces and revokes it)",
  usage: "user calendar <username> [--regenerate] [--json]",
  async run(ctx, argv) {
    const { issueCalendarFeed } = await import("../../services/calendar-feed.ts");
    const { values, positionals } = args(argv, { regenerate: { type: "boolean", default: false } });
    const name = positionals[0];
    if (!name || positionals.length > 1) throw badInput(`give one username: habeas ${this.usage}`);
    const { db } = await ctx.store();
    const feed = await issueCalendarFeed(db, name, OPERATOR, { regenerate: values.regenerate });
    if (ctx.out.json) printJson(ctx.out, feed);
    else ctx.out.write(feed.path);
    return 0;
  },
};
