// `habeas import <file...>`: datasets (JSON) now; detention statistics join when their importers land.
import { badInput } from "../../domain/errors.ts";
import { loadDataset, readDatasetFile } from "../../services/load-dataset.ts";
import { args, type Command } from "../context.ts";
import { printJson } from "../output.ts";

export const importFiles: Command = {
  name: "import",
  summary: "import files: habeas dataset JSON, ICE detention statistics, DDP daily population CSV",
  usage: "import <file...> [--json]",
  async run(ctx, argv) {
    const { positionals } = args(argv, {});
    if (!positionals.length) throw badInput("give at least one file to import");
    const { db } = await ctx.store();
    const results = [];
    for (const file of positionals) {
      if (!file.endsWith(".json")) throw badInput(`${file}: unknown file type`);
      const counts = await loadDataset(db, await readDatasetFile(file));
      results.push({ file, kind: "dataset", ...counts });
      if (!ctx.out.json)
        ctx.out.write(`${file}: ${counts.people} people, ${counts.events} events, ${counts.sources} sources`);
    }
    if (ctx.out.json) printJson(ctx.out, results);
    return 0;
  },
};
