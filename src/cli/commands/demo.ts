// `habeas demo generate`: a synthetic national dataset (names by real frequency, realistic timelines) for
// load tests and benchmarks, written through the bulk store path; deterministic with --seed.
import { fileURLToPath } from "node:url";
import { badInput } from "../../domain/errors.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** The shared name lists beside the repository; never copied into it. */
const DEFAULT_NAMES = fileURLToPath(new URL("../../../../shared/data/names", import.meta.url));

function whole(name: string, text: string, min: number): number {
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw badInput(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

export const demoGenerate: Command = {
  name: "demo generate",
  summary:
    "generate a synthetic national dataset for load tests (private by default, deterministic with --seed)",
  usage:
    "demo generate [--people 100000] [--events 1000000] [--seed N] [--names DIR] [--public-share 0.02] [--force] [--db PATH]",
  async run(ctx, argv) {
    const { default: cliProgress } = await import("cli-progress");
    const { generateDataset } = await import("../../services/generate-dataset.ts");
    const { values, positionals } = args(argv, {
      people: { type: "string", default: "100000" },
      events: { type: "string", default: "1000000" },
      seed: { type: "string", default: "1" },
      names: { type: "string", default: DEFAULT_NAMES },
      "public-share": { type: "string", default: "0.02" },
      force: { type: "boolean", default: false },
    });
    if (positionals.length) throw badInput(`unexpected argument: ${positionals[0]}`);
    const share = Number(values["public-share"]);
    if (!(share >= 0 && share <= 1)) throw badInput("--public-share must be between 0 and 1");
    const people = whole("people", values.people, 1);
    const store = await ctx.store();
    const bar =
      !ctx.out.json && process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { format: "generating {bar} {value}/{total} people, {events} events", stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    bar?.start(people, 0, { events: 0 });
    let r: Awaited<ReturnType<typeof generateDataset>>;
    try {
      r = await generateDataset(store.db, {
        people,
        events: whole("events", values.events, 0),
        seed: whole("seed", values.seed, 0),
        namesDir: values.names,
        publicShare: share,
        force: values.force,
        onProgress: (p) => bar?.update(p.people, { events: p.events }),
      });
    } finally {
      bar?.stop();
    }
    if (ctx.out.json) {
      printJson(ctx.out, { store: store.describe, ...r });
      return 0;
    }
    printTable(
      ctx.out,
      ["generated", "count"],
      [
        ["people (private unless consented)", r.people],
        ["  public", r.public_people],
        ["  AEA class records", r.groups],
        ["events", r.events],
        ["facilities", r.facilities_reused ? `${r.facilities} (+ the imported registry)` : r.facilities],
        ["legal matters", r.matters],
        ["court orders", r.orders],
        ["sources", r.sources],
      ],
    );
    ctx.out.write(
      `habeas: generated into ${store.describe} in ${r.seconds.toFixed(1)} s (seed ${r.seed}, names from ${r.names === "lists" ? values.names : "the built-in list"}); ids start with ${r.prefix}-`,
    );
    return 0;
  },
};
