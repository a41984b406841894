// `habeas import <file...>`: habeas dataset JSON, court dockets (juriscraper, CourtListener), ICE detention
// statistics Facilities sheets and the DDP daily population CSV (streamed, with a progress bar);
// `habeas import --status` lists recent runs, interrupted ones included.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import type { FileImport } from "../../services/import-file.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export const importFiles: Command = {
  name: "import",
  summary:
    "import files: habeas dataset JSON, court dockets (PACER/juriscraper, CourtListener), ICE facility sheets, DDP CSV; --status lists runs",
  usage: "import <file or folder...> [--json] [--quiet] | import --status [--json]",
  async run(ctx, argv) {
    const { default: cliProgress } = await import("cli-progress");
    const { importFile, importStatus } = await import("../../services/import-file.ts");
    const { filesToImport, whyNotImportable } = await import("../../services/import-detention-data.ts");
    const { positionals, values } = args(argv, {
      quiet: { type: "boolean", default: false },
      status: { type: "boolean", default: false },
    });
    if (values.status) {
      if (positionals.length) throw badInput("--status takes no files");
      const { db } = await ctx.store();
      const runs = await importStatus(db, OPERATOR);
      if (ctx.out.json) printJson(ctx.out, runs);
      else if (!runs.length) ctx.out.write("no import runs recorded yet");
      else
        printTable(
          ctx.out,
          ["run", "kind", "status", "rows", "bad", "started", "finished", "file"],
          runs.map((r) => [
            String(r.id),
            r.kind,
            r.status,
            String(r.rows),
            String(r.bad_rows),
            r.started_at,
            r.finished_at ?? "",
            r.file,
          ]),
        );
      return 0;
    }
    if (!positionals.length) throw badInput("give at least one file to import (or --status)");
    const { db } = await ctx.store();
    const results: (FileImport | { file: string; kind: "skipped"; reason: string })[] = [];
    let bad = 0;
    // A folder (the ICE statistics folder) imports what it can and says why it skipped each other file.
    const files: string[] = [];
    for (const p of positionals) {
      const { folder, files: found } = await filesToImport(p);
      if (!folder) {
        files.push(p);
        continue;
      }
      for (const f of found) {
        const reason = await whyNotImportable(f);
        if (reason === undefined) files.push(f);
        else {
          results.push({ file: f, kind: "skipped", reason });
          if (!ctx.out.json) ctx.out.write(`${f}: skipped: ${reason}`);
        }
      }
    }
    for (const file of files) {
      // A bar only on a terminal; logs and pipes get the one-line summary.
      const showBar = !ctx.out.json && !values.quiet && process.stderr.isTTY;
      const bar = new cliProgress.SingleBar(
        {
          format: "{bar} {percentage}% | {rows} rows | {eta_formatted} left",
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      try {
        const r = await importFile(db, file, OPERATOR, {
          onProgress: (done, bytes, total) => {
            if (!showBar) return;
            if (!started) {
              bar.start(total, 0, { rows: 0 });
              started = true;
            }
            bar.update(bytes, { rows: done.toLocaleString("en-US") });
          },
        });
        if (started) {
          bar.update(bar.getTotal());
          bar.stop();
        }
        results.push(r);
        if (r.kind === "dataset") {
          if (!ctx.out.json)
            ctx.out.write(`${file}: ${r.people} people, ${r.events} events, ${r.sources} sources`);
          continue;
        }
        if (r.kind === "docket") {
          if (!ctx.out.json)
            for (const d of r.dockets)
              ctx.out.write(
                `${file}: ${d.created ? "new" : "updated"} matter ${d.matter} (${d.court} ${d.docket_number}): ${d.entries} entries (${d.new_entries} new, ${d.changed_entries} changed), ${d.orders} orders, ${d.proposals} party link(s) proposed for review`,
              );
          continue;
        }
        bad += r.badCount;
        if (!ctx.out.json) {
          ctx.out.write(
            `${file}: ${r.kind}: ${r.rows.toLocaleString("en-US")} rows (${r.inserted.toLocaleString("en-US")} new, ${r.updated.toLocaleString("en-US")} updated), ${r.facilitiesAdded} facilities added, ${r.badCount} bad rows`,
          );
          for (const b of r.bad.slice(0, 20)) ctx.out.error(`  line ${b.line}: ${b.message}`);
          if (r.badCount > 20) ctx.out.error(`  … and ${r.badCount - 20} more bad rows (see --json)`);
        }
      } finally {
        if (started) bar.stop();
      }
    }
    if (ctx.out.json) printJson(ctx.out, results);
    if (bad > 0) {
      ctx.out.error(`habeas: ${bad} bad row(s) were reported and skipped; everything else was imported`);
      return 2;
    }
    return 0;
  },
};
