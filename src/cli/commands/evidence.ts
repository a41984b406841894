// Evidence commands: extract, dedupe and resolve (analysis, stable JSON shapes), ingest, claims, review.
import { existsSync } from "node:fs";
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command, type Ctx, limitOf } from "../context.ts";
import { printJson, printTable } from "../output.ts";

function files(positionals: string[]): string[] {
  if (!positionals.length) throw badInput("give at least one file");
  return positionals;
}

/** Analysis commands use the facility registry when a database is there, and never create one. */
async function optionalDb(ctx: Ctx) {
  const { DEFAULT_DB_PATH } = await import("../../config.ts");
  if (ctx.db || process.env.DATABASE_URL || process.env.HABEAS_DB || existsSync(DEFAULT_DB_PATH))
    return (await ctx.store()).db;
  return undefined;
}

/** The extraction services, loaded on first use and pointed at the name lists the environment names. */
async function extraction() {
  const [{ extractionConfig }, m] = await Promise.all([
    import("../../config.ts"),
    import("../../services/ingest-articles.ts"),
  ]);
  m.configureExtraction(extractionConfig());
  return m;
}

export const extract: Command = {
  name: "extract",
  summary:
    "read articles (txt, md, html, pdf text; EN/ES): people, places, facilities, quotes, numbers, dates",
  usage: "extract <files...> [--json]",
  async run(ctx, argv) {
    const { extractWithRegistry } = await extraction();
    const { positionals } = args(argv, {});
    const out = await extractWithRegistry(await optionalDb(ctx), files(positionals));
    if (ctx.out.json) {
      printJson(ctx.out, out);
      return 0;
    }
    for (const a of out) {
      ctx.out.write(`\n${a.file} [${a.language}] ${a.title ?? ""} ${a.published ?? ""}`);
      ctx.out.write(`  people: ${a.people.map((p) => p.name).join("; ") || "—"}`);
      ctx.out.write(`  facilities: ${a.facilities.map((f) => f.name).join("; ") || "—"}`);
      ctx.out.write(`  quotes: ${a.quotes.length}, numbers: ${a.numbers.length}, dates: ${a.dates.length}`);
    }
    return 0;
  },
};

export const dedupe: Command = {
  name: "dedupe",
  summary: "group near-duplicate articles (reposts, scraper copies, spun rewrites)",
  usage: "dedupe <files...> [--json]",
  async run(ctx, argv) {
    const { dedupeFiles } = await extraction();
    const { positionals } = args(argv, {});
    const r = await dedupeFiles(files(positionals));
    if (ctx.out.json) printJson(ctx.out, r);
    else if (!r.groups.length) ctx.out.write("no near-duplicates");
    else {
      for (const [i, g] of r.groups.entries()) ctx.out.write(`group ${i + 1}: ${g.join(", ")}`);
    }
    return 0;
  },
};

export const resolve: Command = {
  name: "resolve",
  summary: "group name variants that are the same person (one name per line); unsure pairs are not merged",
  usage: "resolve <names.txt> [--json]",
  async run(ctx, argv) {
    const { resolveNamesFile } = await extraction();
    const { positionals } = args(argv, {});
    if (positionals.length !== 1) throw badInput("give one file with one name per line");
    const r = await resolveNamesFile(positionals[0] as string);
    if (ctx.out.json) printJson(ctx.out, r);
    else for (const i of r.identities) ctx.out.write(`${i.canonical}: ${i.members.join(" | ")}`);
    return 0;
  },
};

export const ingest: Command = {
  name: "ingest",
  summary: "store articles as sources (original bytes + SHA-256) and propose links and events for review",
  usage: "ingest <files...> [--publisher NAME] [--json]",
  async run(ctx, argv) {
    const { ingestFiles } = await extraction();
    const { positionals, values } = args(argv, { publisher: { type: "string" } });
    const { db } = await ctx.store();
    const r = await ingestFiles(db, files(positionals), OPERATOR, { publisher: values.publisher });
    if (ctx.out.json) printJson(ctx.out, r);
    else
      printTable(
        ctx.out,
        ["file", "source", "stored", "proposals"],
        r.map((x) => [x.file, x.source, x.duplicate ? "already captured" : "new", x.proposals]),
      );
    return 0;
  },
};

export const claims: Command = {
  name: "claims",
  summary: "claims with their sources, corroboration (independent sources) and conflicts",
  usage: "claims [--conflicts] [--json]",
  async run(ctx, argv) {
    const { claimsReport } = await import("../../services/claims.ts");
    const { values } = args(argv, { conflicts: { type: "boolean", default: false } });
    const { db } = await ctx.store();
    let r = await claimsReport(db, OPERATOR);
    if (values.conflicts) r = r.filter((c) => c.conflict);
    if (ctx.out.json) {
      printJson(ctx.out, r);
      return 0;
    }
    printTable(
      ctx.out,
      ["claim", "values (independent sources)", "corroboration", "conflict"],
      r.map((c) => [
        `${c.subject} — ${c.predicate}`,
        c.values
          .map((v) => `${v.value} (${v.independent_count}: ${v.sources.map((s) => s.publisher).join(", ")})`)
          .join("\n"),
        c.corroboration,
        c.conflict ? "CONFLICT" : "",
      ]),
    );
    return 0;
  },
};

export const reviewList: Command = {
  name: "review list",
  summary: "what ingestion proposed and awaits a decision",
  usage: "review list [--status pending|accepted|rejected] [--limit N] [--json]",
  async run(ctx, argv) {
    const { listReviewQueue } = await import("../../services/workspace.ts");
    const { values } = args(argv, {
      status: { type: "string", default: "pending" },
      limit: { type: "string" },
    });
    const status = values.status;
    if (status !== "pending" && status !== "accepted" && status !== "rejected")
      throw badInput(`--status must be pending, accepted or rejected, not "${status}"`);
    const limit = limitOf(values.limit);
    const { db } = await ctx.store();
    // Every proposal of the status, unless --limit says otherwise (the list stopped at 500 without a word).
    const { total, items } = await listReviewQueue(db, OPERATOR, { status, limit });
    if (ctx.out.json) printJson(ctx.out, items);
    else if (!items.length) ctx.out.write(`no ${status} proposals`);
    else {
      printTable(
        ctx.out,
        ["id", "kind", "about", "score", "source"],
        items.map((p) => [
          p.id,
          p.kind,
          JSON.stringify(p.payload).slice(0, 160),
          p.score?.toFixed(2),
          p.source_id,
        ]),
      );
      ctx.out.write(
        items.length < total
          ? `${items.length} of ${total} ${status} proposal(s) shown (--limit)`
          : `${total} ${status} proposal(s)`,
      );
    }
    return 0;
  },
};

function decide(accept: boolean): Command {
  return {
    name: accept ? "review accept" : "review reject",
    summary: accept
      ? "accept a proposal (adds the link, event or merge with its source)"
      : "reject a proposal",
    usage: `review ${accept ? "accept" : "reject"} <proposal-id...> | --group <source~kind> [--except ID,...] [--reason TEXT]`,
    async run(ctx, argv) {
      const { decideGroup, decideProposal } = await import("../../services/review.ts");
      const { positionals, values } = args(argv, {
        reason: { type: "string" },
        group: { type: "string" },
        except: { type: "string" },
      });
      if (!positionals.length && !values.group)
        throw badInput("give at least one proposal id, or --group <source~kind> (see habeas review groups)");
      if (positionals.length && values.group) throw badInput("give proposal ids or --group, not both");
      const { db } = await ctx.store();
      const out = [];
      if (values.group) {
        const except = (values.except ?? "").split(",").filter(Boolean);
        out.push(
          ...(await decideGroup(db, values.group, accept, OPERATOR, { reason: values.reason, except })),
        );
      }
      for (const id of positionals) out.push(await decideProposal(db, id, accept, OPERATOR, values.reason));
      if (ctx.out.json) printJson(ctx.out, out);
      else
        for (const d of out) ctx.out.write(`${d.proposal}: ${d.status}${d.created ? ` (${d.created})` : ""}`);
      return 0;
    },
  };
}
export const reviewAccept = decide(true);
export const reviewReject = decide(false);

export const reviewGroupsCmd: Command = {
  name: "review groups",
  summary: "pending proposals grouped by article and kind, with a sample sentence of each",
  usage: "review groups [--sample N] [--json]",
  async run(ctx, argv) {
    const { values } = args(argv, { sample: { type: "string", default: "3" } });
    const sample = Number(values.sample);
    if (!Number.isInteger(sample) || sample < 0 || sample > 100) throw badInput("--sample must be 0 to 100");
    const { listReviewGroups } = await import("../../services/workspace.ts");
    const { db } = await ctx.store();
    const groups = await listReviewGroups(db, OPERATOR, { sample });
    if (ctx.out.json) printJson(ctx.out, groups);
    else if (!groups.length) ctx.out.write("no pending proposals");
    else
      printTable(
        ctx.out,
        ["group", "kind", "count", "sample"],
        groups.map((g) => [
          g.key,
          g.kind,
          g.count,
          g.sample
            .map((p) => String(p.payload.full_name ?? p.payload.name ?? p.payload.summary ?? "").slice(0, 60))
            .filter(Boolean)
            .join("; ")
            .slice(0, 160),
        ]),
      );
    return 0;
  },
};

export const reviewUndo: Command = {
  name: "review undo",
  summary: "undo a decided proposal (removes what accepting it added; it waits for review again)",
  usage: "review undo <proposal-id...>",
  async run(ctx, argv) {
    const { positionals } = args(argv, {});
    if (!positionals.length) throw badInput("give at least one proposal id");
    const { db } = await ctx.store();
    const { undoDecision } = await import("../../services/review.ts");
    const out = [];
    for (const id of positionals) out.push(await undoDecision(db, id, OPERATOR));
    if (ctx.out.json) printJson(ctx.out, out);
    else
      for (const d of out)
        ctx.out.write(`${d.proposal}: pending again${d.created ? ` (removed ${d.created})` : ""}`);
    return 0;
  },
};

export const peopleMerge: Command = {
  name: "people merge",
  summary: "merge a duplicate record into another (logged; undo with people unmerge)",
  usage: "people merge <keep-id> <duplicate-id> [--reason TEXT]",
  async run(ctx, argv) {
    const { mergePeople } = await import("../../services/review.ts");
    const { positionals, values } = args(argv, { reason: { type: "string" } });
    if (positionals.length !== 2) throw badInput("give the id to keep and the id to merge into it");
    const { db } = await ctx.store();
    const id = await mergePeople(
      db,
      positionals[0] as string,
      positionals[1] as string,
      OPERATOR,
      values.reason,
    );
    if (ctx.out.json) printJson(ctx.out, { merge: id });
    else ctx.out.write(`merged ${positionals[1]} into ${positionals[0]} (undo: habeas people unmerge ${id})`);
    return 0;
  },
};

export const peopleUnmerge: Command = {
  name: "people unmerge",
  summary: "undo a merge: the merged person comes back with their events and sources",
  usage: "people unmerge <merge-id>",
  async run(ctx, argv) {
    const { undoMerge } = await import("../../services/review.ts");
    const { positionals } = args(argv, {});
    if (positionals.length !== 1) throw badInput("give one merge id (see habeas people merges)");
    const { db } = await ctx.store();
    const r = await undoMerge(db, positionals[0] as string, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, r);
    else ctx.out.write(`restored ${r.restored}`);
    return 0;
  },
};

export const peopleMerges: Command = {
  name: "people merges",
  summary: "the merge log",
  usage: "people merges [--json]",
  async run(ctx) {
    const { mergeLog } = await import("../../services/review.ts");
    const { db } = await ctx.store();
    const r = await mergeLog(db, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, r);
    else
      printTable(
        ctx.out,
        ["id", "kept", "merged", "when", "undone"],
        r.map((m) => [m.id, m.kept_id, m.merged_id, m.merged_at, m.undone_at ?? ""]),
      );
    return 0;
  },
};

export const peopleDuplicates: Command = {
  name: "people duplicates",
  summary: "propose merges of records that look like the same person (a reviewer decides)",
  usage: "people duplicates [--limit N] [--json]",
  async run(ctx, argv) {
    const { proposeMerges } = await import("../../services/review.ts");
    const { values } = args(argv, { limit: { type: "string" } });
    const limit = limitOf(values.limit);
    const { db } = await ctx.store();
    let shown = false;
    const r = await proposeMerges(db, OPERATOR, {
      limit,
      onProgress: (done, total) => {
        if (ctx.out.json || !process.stderr.isTTY) return;
        process.stderr.write(`\rchecking names: ${done}/${total}\x1b[K`);
        shown = true;
      },
    });
    if (shown) process.stderr.write("\r\x1b[K");
    if (ctx.out.json) printJson(ctx.out, r);
    else
      ctx.out.write(
        `${r.proposed} merge proposal(s) added to the review queue (habeas review list); ${r.checked} of ${r.individuals} individual record(s) checked`,
      );
    return 0;
  },
};
