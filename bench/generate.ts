// Generation benchmark: the bulk store path against savePerson/saveEvent one record at a time, writing the
// same generated people and events (built-in names, so only the write path differs); plus what generating
// the national dataset and copying it to PostgreSQL took, when this run did them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDataset } from "../src/services/generate-dataset.ts";
import { openStore } from "../src/store/db.ts";
import { datasetReport, nationalDataset, postgresDataset } from "./dataset.ts";
import { type Benchmark, type Figures, median, round } from "./lib.ts";

async function once(path: "bulk" | "records", people: number, events: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "habeas-bench-gen-"));
  const store = await openStore({ engine: "sqlite", path: join(dir, "g.db") });
  try {
    const t0 = performance.now();
    await generateDataset(store.db, { people, events, seed: 5, path, namesDir: "" });
    return events / ((performance.now() - t0) / 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: "generate",
  title: "Dataset generation: bulk store path against one record at a time",
  async run({ quick, postgres, log, scale }) {
    const people = quick ? 500 : 1500;
    const events = people * 10;
    const bulk: number[] = [];
    const records: number[] = [];
    for (let i = 0; i < 3; i++) {
      bulk.push(await once("bulk", people, events));
      records.push(await once("records", people, events));
      log(
        `  run ${i + 1}: bulk ${Math.round(bulk.at(-1) ?? 0)} events/s, one by one ${Math.round(records.at(-1) ?? 0)} events/s`,
      );
    }
    const ds = await nationalDataset({ quick, log, scale });
    const report = datasetReport(ds);
    const figures: Figures = {
      sample: `${people} people, ${events} events (SQLite)`,
      bulk_events_per_s: round(median(bulk)),
      baseline_records_events_per_s: round(median(records)),
      speedup: round(median(bulk) / median(records), 1),
      national: `${ds.people} people, ${ds.events} events`,
      national_generate_s:
        ds.generated_s !== undefined ? round(ds.generated_s, 1) : "cached (not generated in this run)",
      national_generate_s_when_made: round(Number(report.seconds ?? Number.NaN), 1),
    };
    const pg = await postgresDataset({ quick, postgres, log, scale });
    if (pg)
      figures.postgres = {
        db_copy_s: round(pg.copy_s, 1),
        db_copy: pg.cached ? "copy kept in .bench/ (made in an earlier run)" : "copied in this run",
      };
    return { figures, baseline: "savePerson and saveEvent one record at a time, same data, same run" };
  },
};
