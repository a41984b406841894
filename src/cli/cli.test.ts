// The `habeas` command as a user runs it: real database file, exit codes and one-line errors. The commands
// run in this process through main() (test/cli.ts); the last test starts bin/habeas.js as a real process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../test/cli.ts";
import { miniDataset } from "../../test/fixtures.ts";
import { COMMANDS } from "./commands/index.ts";

const BIN = fileURLToPath(new URL("../../bin/habeas.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "habeas-cli-"));
const db = join(dir, "x.db");
after(() => rmSync(dir, { recursive: true, force: true }));
process.env.DATABASE_URL = "";

const habeas = (...args: string[]) => runCli(args);

test("--help lists every command, each loaded by the name it is listed under; a command's --help its usage", async () => {
  const names = COMMANDS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, "no name twice");
  for (const entry of COMMANDS) assert.equal((await entry.load()).name, entry.name);
  const help = await habeas("--help");
  assert.equal(help.code, 0, help.err);
  for (const name of names) assert.match(help.out, new RegExp(`^  ${name} +\\S`, "m"), name);
  const one = await habeas("people", "show", "--help");
  assert.equal(one.code, 0, one.err);
  assert.match(one.out, /^Usage: habeas people show <id>/);
  const unknown = await habeas("people", "shwo");
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command 'people shwo'/);
});

test("init, import and read back people as JSON and tables", async () => {
  const file = join(dir, "mini.json");
  writeFileSync(file, JSON.stringify(miniDataset()));
  assert.equal((await habeas("init", "--db", db)).code, 0);
  assert.equal((await habeas("import", file, "--db", db)).code, 0);
  const list = await habeas("people", "list", "--json", "--db", db);
  assert.equal(list.code, 0, list.err);
  const people = JSON.parse(list.out) as { id: string }[];
  assert.deepEqual(people.map((p) => p.id).sort(), ["group-1", "kaag", "private-1"]);
  const show = await habeas("people", "show", "kaag", "--db", db);
  assert.equal(show.code, 0);
  assert.match(show.out, /REMOVAL/);
  assert.match(show.out, /\[1\] Supreme Court/);
  assert.match(show.out, /UNVERIFIED/);
});

test("matters and orders are listed a page at a time, with how many there are and how to go on", async () => {
  const orders = await habeas("orders", "list", "--json", "--db", db);
  assert.deepEqual(
    (JSON.parse(orders.out) as { id: string }[]).map((o) => o.id),
    ["o-facilitate"],
  );
  const past = await habeas("orders", "list", "--offset", "1", "--db", db);
  assert.equal(past.code, 0);
  assert.match(past.out, /no court orders past --offset 1 \(there are 1\)/);
  assert.match(
    (await habeas("orders", "list", "--matter", "m-none", "--db", db)).out,
    /no court orders recorded in m-none/,
  );
  assert.match((await habeas("orders", "list", "--matter", "m-scotus", "--db", db)).out, /o-facilitate/);
  assert.match((await habeas("matters", "list", "--db", db)).out, /m-scotus/);
  const bad = await habeas("matters", "list", "--limit", "0", "--db", db);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^habeas: --limit must be a whole number from 1 to 10000\n?$/);
});

test("user errors print one line and exit non-zero, with nothing changed", async () => {
  const before = (await habeas("people", "list", "--json", "--db", db)).out;
  writeFileSync(join(dir, "other.json"), '{"docket": "not one"}');
  for (const [args, code, re] of [
    [["people", "show", "nobody", "--db", db], 3, /no person with id nobody/],
    [["frobnicate"], 2, /unknown command/],
    [["people", "list", "--db", "/nonexistent/dir/x.db"], 2, /does not exist/],
    [["people", "list", "--limit", "x", "--db", db], 2, /--limit/],
    [["people", "list", "--bogus", "--db", db], 2, /bogus/],
    [["import", join(dir, "missing.json"), "--db", db], 2, /file not found/],
    [
      ["import", join(dir, "other.json"), "--db", db],
      2,
      /other\.json is not a file habeas can import: expected a habeas dataset/,
    ],
  ] as const) {
    const r = await habeas(...args);
    assert.equal(r.code, code, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  }
  const notDb = join(dir, "not-a-db.db");
  writeFileSync(notDb, "this is not sqlite");
  const r = await habeas("people", "list", "--db", notDb);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /cannot open database/);
  assert.equal((await habeas("people", "list", "--json", "--db", db)).out, before);
});

test("check --store evaluates everyone in worker threads and stores findings; a second run changes nothing", async () => {
  const first = await habeas("check", "--store", "--json", "--db", db);
  assert.equal(first.code, 0, first.err);
  const r = JSON.parse(first.out) as { people: number; findings: number };
  assert.equal(r.people, 3);
  assert.ok(r.findings > 0);
  const again = JSON.parse((await habeas("check", "--store", "--json", "--db", db)).out) as unknown;
  assert.deepEqual(again, { people: 3, findings: r.findings, changes: { added: 0, removed: 0, changed: 0 } });
});

test("bin/habeas.js as a process: a reader that closes the pipe early ends the output, not the command", async () => {
  const { spawn } = await import("node:child_process");
  // Enough output to outlast the pipe's buffer; its reader reads one chunk and closes its end, like `| head -1`.
  const child = spawn(process.execPath, [BIN, "people", "show", "kaag", "--db", db], {
    env: { ...process.env, DATABASE_URL: "", COLUMNS: "60" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (d) => {
    err += d;
  });
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 0, err);
  assert.doesNotMatch(err, /EPIPE|Unhandled|at /);
});

test("bin/habeas.js as a process: JSON on stdout, a one-line error on stderr, the exit code", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
    });
  const list = run("people", "list", "--json", "--db", db);
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual((JSON.parse(list.stdout) as { id: string }[]).map((p) => p.id).sort(), [
    "group-1",
    "kaag",
    "private-1",
  ]);
  const missing = run("people", "show", "nobody", "--db", db);
  assert.equal(missing.status, 3);
  assert.equal(missing.stderr, "habeas: no person with id nobody\n");
  assert.equal(missing.stdout, "");
});

test("cases export writes one sheet as CSV, all three as XLSX; a sheet of no known name is refused", async () => {
  const file = join(dir, "mini.json");
  writeFileSync(file, JSON.stringify(miniDataset()));
  const cases = join(dir, "cases.db");
  assert.equal((await habeas("import", file, "--db", cases)).code, 0);
  const csv = join(dir, "events.csv");
  const csvSheet = (sheet: string) =>
    habeas("cases", "export", "--out", csv, "--format", "csv", "--sheet", sheet, "--db", cases);
  const one = await csvSheet("events");
  assert.equal(one.code, 0, one.err);
  const rows = Number(/events\.csv: events sheet, (\d+) rows/.exec(one.out)?.[1]);
  assert.ok(rows > 0, one.out);
  assert.equal(readFileSync(csv, "utf8").trim().split("\n").length, rows + 1, "a header and the rows");
  const all = await habeas("cases", "export", "--out", join(dir, "cases.xlsx"), "--db", cases);
  assert.equal(all.code, 0, all.err);
  assert.match(all.out, new RegExp(`\\d+ people, ${rows} events, \\d+ deadlines`));
  const bad = await csvSheet("orders");
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--sheet is one of people, events, deadlines/);
});
