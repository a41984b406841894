// `habeas deadlines`, `habeas assign` and `habeas user calendar` as an operator runs them: JSON for a cron
// digest, one-line errors with the documented exit codes, a feed address shown once.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { miniDataset } from "../../test/fixtures.ts";

const BIN = fileURLToPath(new URL("../../bin/habeas.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "habeas-deadlines-cli-"));
const db = join(dir, "x.db");
after(() => rmSync(dir, { recursive: true, force: true }));

function habeas(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args, "--db", db], {
    encoding: "utf8",
    input,
    env: { ...process.env, DATABASE_URL: "", HABEAS_KEY: "", HABEAS_KEY_FILE: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

before(() => {
  const d = miniDataset();
  d.events = [
    ...(d.events ?? []),
    {
      id: "e-hearing",
      person: "kaag",
      type: "HEARING",
      when: `${inDays(20)} 09:00`,
      tz: "America/New_York",
      place: "Baltimore Immigration Court",
      summary: "Master calendar hearing",
      details: { kind: "master" },
    },
  ];
  const file = join(dir, "d.json");
  writeFileSync(file, JSON.stringify(d));
  assert.equal(habeas(["import", file]).code, 0);
});

test("habeas deadlines lists hearings as JSON, filters by --due, refuses a bad --due", () => {
  let r = habeas(["deadlines", "--json"]);
  assert.equal(r.code, 0, r.err);
  const items = JSON.parse(r.out) as { person: string; kind: string; title: string; date: string }[];
  const h = items.find((x) => x.kind === "hearing");
  assert.deepEqual([h?.person, h?.title, h?.date], ["kaag", "Master calendar hearing", inDays(20)]);
  r = habeas(["deadlines", "--due", "7d", "--kind", "hearing", "--json"]);
  assert.deepEqual(JSON.parse(r.out), []);
  r = habeas(["deadlines", "--due", "soon"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--due takes a number of days/);
  assert.equal(habeas(["deadlines", "--kind", "party"]).code, 2);
});

test("habeas user calendar prints the feed path once; --regenerate replaces it; unknown users exit 3", () => {
  assert.equal(
    habeas(["user", "add", "lena", "--role", "lawyer", "--password-stdin"], "a long enough passphrase\n")
      .code,
    0,
  );
  let r = habeas(["user", "calendar", "lena"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out.trim(), /^\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  r = habeas(["user", "calendar", "lena"]);
  assert.equal(r.code, 4);
  assert.match(r.err, /regenerate/);
  r = habeas(["user", "calendar", "lena", "--regenerate", "--json"]);
  assert.equal(r.code, 0, r.err);
  assert.match((JSON.parse(r.out) as { path: string }).path, /^\/calendar\//);
  assert.equal(habeas(["user", "calendar", "nobody"]).code, 3);
});

test("habeas assign puts a case on a staff member and --assignee filters the digest by it", () => {
  let r = habeas(["assign", "kaag", "lena", "--json"]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { person: "kaag", assignees: ["lena"] });
  r = habeas(["deadlines", "--assignee", "lena", "--kind", "hearing", "--json"]);
  assert.equal((JSON.parse(r.out) as unknown[]).length, 1);
  assert.equal(habeas(["assign", "no-such-person", "lena"]).code, 3);
});

test("habeas delete removes a mistaken event with a reason and habeas restore puts it back", () => {
  assert.equal(habeas(["delete", "event", "e-hearing"]).code, 2, "a reason is required");
  let r = habeas(["delete", "event", "e-hearing", "--reason", "typed on the wrong case", "--json"]);
  assert.equal(r.code, 0, r.err);
  const { id } = JSON.parse(r.out) as { id: string };
  assert.deepEqual(JSON.parse(habeas(["deadlines", "--kind", "hearing", "--json"]).out), []);
  assert.match(habeas(["deleted", "list"]).out, /typed on the wrong case/);
  r = habeas(["restore", id]);
  assert.equal(r.code, 0, r.err);
  assert.equal((JSON.parse(habeas(["deadlines", "--kind", "hearing", "--json"]).out) as unknown[]).length, 1);
  assert.equal(habeas(["restore", id]).code, 4);
  assert.equal(habeas(["delete", "person", "nobody", "--reason", "x y z"]).code, 3);
});
