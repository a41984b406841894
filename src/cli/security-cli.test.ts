// The operator's security commands as they are run: the first admin with a piped password (never an
// argument), `audit verify` naming a tampered entry with exit 1, key rotation, family codes, and a public
// export that shows its diff against the last release.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { runCli } from "../../test/cli.ts";
import { miniDataset } from "../../test/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "habeas-sec-cli-"));
const db = join(dir, "x.db");
after(() => rmSync(dir, { recursive: true, force: true }));

Object.assign(process.env, { DATABASE_URL: "", HABEAS_KEY: "", HABEAS_KEY_FILE: "" });
// In this process through main(), as `habeas ARGS --db DB` with `input` piped on stdin.
const habeas = (args: string[], input?: string) => runCli([...args, "--db", db], input);

test("the first administrator is made with a piped password; arguments and weak passwords are refused", async () => {
  const file = join(dir, "mini.json");
  const d = miniDataset();
  const kaag = d.people?.find((p) => p.id === "kaag");
  if (kaag) kaag.consent = { public_record: true, family_status: true };
  writeFileSync(file, JSON.stringify(d));
  assert.equal((await habeas(["import", file])).code, 0);
  let r = await habeas(["user", "add", "ana", "--admin", "--password", "hunter2hunter2"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /never given as arguments/);
  r = await habeas(["user", "add", "ana", "--admin"], "");
  assert.equal(r.code, 2, "no terminal and no --password-stdin");
  r = await habeas(["user", "add", "ana", "--admin", "--password-stdin"], "short\n");
  assert.equal(r.code, 2);
  assert.match(r.err, /at least 12 characters/);
  r = await habeas(["user", "add", "ana", "--admin", "--password-stdin"], "a perfectly long passphrase\n");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /created admin ana/);
  const list = JSON.parse((await habeas(["user", "list", "--json"])).out) as {
    username: string;
    role: string;
  }[];
  assert.deepEqual(
    list.map((u) => [u.username, u.role]),
    [["ana", "admin"]],
  );
  assert.equal(statSync(`${db}.key`).mode & 0o777, 0o600, "restricted fields made the key file, private");
});

test("audit verify passes, then names the entry changed behind its back and exits 1", async () => {
  let r = await habeas(["audit", "verify"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /audit log intact: 2 entries/);
  const head = (await habeas(["audit", "head"])).out.trim();
  assert.match(head, /^2:[a-f0-9]{64}$/);
  const raw = new Database(db);
  raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run();
  raw.close();
  r = await habeas(["audit", "verify"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /BROKEN at entry 1: its contents do not match its hash/);
  const fix = new Database(db);
  fix.prepare("UPDATE audit_log SET actor = 'cli' WHERE seq = 1").run();
  fix.close();
  assert.equal((await habeas(["audit", "verify", "--head", head])).code, 0);
});

test("keys rotate re-encrypts and people stay readable; family codes print once", async () => {
  const before = readFileSync(`${db}.key`, "utf8");
  const r = await habeas(["keys", "rotate"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /re-encrypted 2 people/);
  assert.notEqual(readFileSync(`${db}.key`, "utf8"), before);
  const show = JSON.parse((await habeas(["people", "show", "private-1", "--json"])).out) as {
    person: { birth_date?: string };
  };
  assert.equal(show.person.birth_date, "1990-02-03");
  const code = await habeas(["family-code", "create", "kaag"]);
  assert.equal(code.code, 0, code.err);
  assert.match(
    code.out,
    /Case code: {3}F-[0-9A-Z]{4}-[0-9A-Z]{4}\nPassphrase: {2}[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/,
  );
  assert.equal((await habeas(["family-code", "create", "private-1"])).code, 2, "no family-status consent");
});

test("export --public writes the release and shows what changed since the last one", async () => {
  const out = join(dir, "release");
  let r = await habeas(["export", "--public", "--format", "csv", "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /no earlier release/);
  for (const f of ["people.csv", "events.csv", "stats.csv", "public.json", "manifest.json"])
    assert.ok(existsSync(join(out, f)), f);
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
    audit_head: { seq: number };
  };
  assert.ok(manifest.audit_head.seq > 0);
  assert.doesNotMatch(readFileSync(join(out, "public.json"), "utf8"), /private-1|1990-02-03|A123-456-789/);
  const file = join(dir, "more.json");
  writeFileSync(
    file,
    JSON.stringify({ people: [{ id: "pub-new", full_name: "Nuevo Público", consent: { publish: true } }] }),
  );
  assert.equal((await habeas(["import", file])).code, 0);
  r = await habeas(["export", "--public", "--format", "json", "--out", out, "--dry-run"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /people: \+1 added, -0 removed, ~0 changed\n {2}\+ pub-new/);
  assert.match(r.out, /dry run — nothing written/);
  assert.equal((await habeas(["export", "--format", "json", "--out", out])).code, 2, "only --public exists");
});
