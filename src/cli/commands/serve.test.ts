// `habeas serve` and every other command refuse a HABEAS_KEY that does not open the store's keyring: exit 6
// and one line saying what to do, before anything is served, read or sealed under the wrong key.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { miniDataset } from "../../../test/fixtures.ts";

const BIN = fileURLToPath(new URL("../../../bin/habeas.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "habeas-serve-key-"));
const db = join(dir, "x.db");
after(() => rmSync(dir, { recursive: true, force: true }));
const RIGHT = randomBytes(32).toString("base64");
const WRONG = randomBytes(32).toString("base64");
const env = (key: string) => ({ ...process.env, DATABASE_URL: "", HABEAS_KEY: key, HABEAS_KEY_FILE: "" });

function habeas(args: string[], key: string) {
  const r = spawnSync(process.execPath, [BIN, ...args, "--db", db], { encoding: "utf8", env: env(key) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ONE_LINE =
  /^habeas: HABEAS_KEY does not open this database's keyring \(key id [0-9a-f]{12}\); set the key this database was created with, or see docs\/SECURITY\.md\n$/;

test("a wrong HABEAS_KEY stops serve and every command that opens the store, with one line", () => {
  const file = join(dir, "mini.json");
  writeFileSync(file, JSON.stringify(miniDataset()));
  let r = habeas(["import", file], RIGHT);
  assert.equal(r.code, 0, r.err);
  for (const args of [
    ["serve", "--port", "0"],
    ["import", file],
  ]) {
    r = habeas(args, WRONG);
    assert.equal(r.code, 6, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, ONE_LINE, args.join(" "));
    assert.doesNotMatch(r.out, /serving/);
  }
  r = habeas(["people", "show", "private-1", "--json"], RIGHT);
  assert.equal(r.code, 0, r.err);
  assert.equal((JSON.parse(r.out) as { person: { birth_date?: string } }).person.birth_date, "1990-02-03");
});

test("with the right key serve starts", async () => {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db], { env: env(RIGHT) });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        if (/serving/.test(out)) resolve(out);
      });
      child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
    });
    assert.match(line, /habeas: serving SQLite/);
    // It restarted itself (same pid) with the memory flags of bin/habeas.js, where the OS says so.
    if (existsSync(`/proc/${child.pid}/cmdline`) && !process.env.NODE_OPTIONS?.includes("semi-space")) {
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0");
      assert.ok(argv.includes("--max-semi-space-size=4"), argv.join(" "));
      assert.ok(argv.includes("--heap-growing-percent=20"), argv.join(" "));
      assert.equal(
        readFileSync(`/proc/${child.pid}/environ`, "utf8")
          .split("\0")
          .includes(`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? "2"}`),
        true,
      );
    }
  } finally {
    // Gone before the test's folder is removed: a server still closing its store would write it again.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
  }
});
