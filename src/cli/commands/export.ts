// `habeas export --public --format json|csv --out DIR`: writes the public release and shows what changed
// since the release already in DIR (records added, removed, changed), for review before publishing.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { badInput } from "../../domain/errors.ts";
import type { PublicDataset, ReleaseDiff } from "../../services/public-dataset.ts";
import { args, type Command } from "../context.ts";
import { type Out, printJson } from "../output.ts";

const RELEASE = "public.json";

function previousRelease(dir: string): Partial<PublicDataset> | undefined {
  const file = join(dir, RELEASE);
  if (!existsSync(file)) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(file, "utf8"));
    return v && typeof v === "object" ? (v as Partial<PublicDataset>) : undefined;
  } catch {
    throw badInput(`${file} is not a habeas release (not JSON); move it away or choose another --out`);
  }
}

/** Writes beside the target and renames: a reader never sees half a file. */
function writeAtomic(file: string, text: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function printDiff(out: Out, diff: ReleaseDiff, first: boolean) {
  if (first) {
    out.write("no earlier release in this folder: everything is new");
    return;
  }
  const show = (ids: string[]) =>
    ids.length > 15 ? `${ids.slice(0, 15).join(", ")} … (+${ids.length - 15})` : ids.join(", ");
  let any = false;
  for (const name of ["people", "events", "facilities", "matters", "orders", "sources", "claims"] as const) {
    const d = diff[name];
    if (!d.added.length && !d.removed.length && !d.changed.length) continue;
    any = true;
    out.write(
      `${name}: +${d.added.length} added, -${d.removed.length} removed, ~${d.changed.length} changed`,
    );
    if (d.added.length) out.write(`  + ${show(d.added)}`);
    if (d.removed.length) out.write(`  - ${show(d.removed)}`);
    for (const c of d.changed.slice(0, 15)) out.write(`  ~ ${c.id}: ${c.fields.join(", ")}`);
    if (d.changed.length > 15) out.write(`  ~ … and ${d.changed.length - 15} more`);
  }
  if (diff.stats.length) {
    any = true;
    out.write(`stats changed: ${diff.stats.join(", ")}`);
  }
  if (!any) out.write("no change since the last release");
}

export const exportPublic: Command = {
  name: "export",
  summary:
    "write the public dataset (consented records, allow-listed fields, small counts withheld) and show the diff",
  usage: "export --public --format json|csv --out DIR [--dry-run]",
  async run(ctx, argv) {
    const { buildPublicDataset, diffReleases, PUBLIC_TABLES, publicTable, toCsv } = await import(
      "../../services/public-dataset.ts"
    );
    const { values, positionals } = args(argv, {
      public: { type: "boolean", default: false },
      format: { type: "string", default: "json" },
      out: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    });
    if (positionals.length) throw badInput(`unexpected argument: ${positionals[0]}`);
    if (!values.public) throw badInput("only the public release can be exported: add --public");
    const format = values.format;
    if (format !== "json" && format !== "csv") throw badInput("--format is json or csv");
    const dir = values.out;
    if (!dir) throw badInput("give --out DIR (the folder of the last release, to compare with)");
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw badInput(`${dir} is not a folder`);

    const { db } = await ctx.store();
    const ds = await buildPublicDataset(db);
    const prev = existsSync(dir) ? previousRelease(dir) : undefined;
    const diff = diffReleases(prev, ds);
    const files: Record<string, string> = {};
    if (!values["dry-run"]) {
      mkdirSync(dir, { recursive: true });
      const put = (name: string, text: string) => {
        writeAtomic(join(dir, name), text);
        files[name] = createHash("sha256").update(text).digest("hex");
      };
      if (format === "csv") for (const t of PUBLIC_TABLES) put(`${t}.csv`, toCsv(publicTable(ds, t)));
      // The JSON release is always written: it is what the next export compares against.
      put(RELEASE, `${JSON.stringify(ds, null, 2)}\n`);
      put(
        "manifest.json",
        `${JSON.stringify({ generated_at: ds.generated_at, audit_head: ds.audit_head, files: { ...files } }, null, 2)}\n`,
      );
    }
    if (ctx.out.json) {
      printJson(ctx.out, { dir, format, dry_run: values["dry-run"], audit_head: ds.audit_head, files, diff });
      return 0;
    }
    printDiff(ctx.out, diff, prev === undefined);
    ctx.out.write(
      values["dry-run"]
        ? "habeas: dry run — nothing written"
        : `habeas: wrote ${Object.keys(files).join(", ")} to ${dir}: ${ds.people.length} people, ${ds.events.length} events`,
    );
    ctx.out.write(
      `audit head ${ds.audit_head.seq}:${ds.audit_head.hash} (check later with: habeas audit verify --head …)`,
    );
    return 0;
  },
};
