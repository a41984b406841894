// `habeas import <file...>`: habeas dataset JSON, ICE detention statistics Facilities sheets, and the
// Deportation Data Project daily population CSV (streamed, with a progress bar).
import cliProgress from "cli-progress";
import { badInput } from "../../domain/errors.ts";
import {
  filesToImport,
  importDetentionDataFile,
  whyNotImportable,
} from "../../services/import-detention-data.ts";
import { loadDataset, readDatasetFile } from "../../services/load-dataset.ts";
import { args, type Command } from "../context.ts";
import { printJson } from "../output.ts";

export const importFiles: Command = {
  name: "import",
  summary:
    "import files: habeas dataset JSON, ICE detention statistics facility sheets, DDP daily population CSV",
  usage: "import <file or folder...> [--json] [--quiet]",
  async run(ctx, argv) {
    const { positionals, values } = args(argv, { quiet: { type: "boolean", default: false } });
    if (!positionals.length) throw badInput("give at least one file to import");
    const { db } = await ctx.store();
    const results: unknown[] = [];
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
      if (file.toLowerCase().endsWith(".json")) {
        const counts = await loadDataset(db, await readDatasetFile(file));
        results.push({ file, kind: "dataset", ...counts });
        if (!ctx.out.json)
          ctx.out.write(
            `${file}: ${counts.people} people, ${counts.events} events, ${counts.sources} sources`,
          );
        continue;
      }
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
        const r = await importDetentionDataFile(db, file, {
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
        bad += r.badCount;
        results.push(r);
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
