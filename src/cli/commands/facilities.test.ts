// `habeas import <folder>`, `habeas facilities` and `habeas petition draft` as a user runs them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import mammoth from "mammoth";
import { miniDataset } from "../../../test/fixtures.ts";

const BIN = fileURLToPath(new URL("../../../bin/habeas.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "habeas-fac-cli-"));
const db = join(dir, "x.db");
after(() => rmSync(dir, { recursive: true, force: true }));

function habeas(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, "--db", db], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("a statistics folder imports its facility sheets, says why it skipped the rest, and re-imports without duplicates", async () => {
  const d = miniDataset();
  d.events = [
    ...(d.events ?? []),
    {
      id: "e-held",
      person: "private-1",
      type: "DETENTION_START",
      when: "2025-05-01",
      tz: "America/New_York",
      facility: "stewart",
      summary: "Detained at Stewart.",
      details: {},
    },
  ];
  d.facilities = [
    ...(d.facilities ?? []),
    { id: "stewart", name: "Stewart Detention Center", country: "US", state: "GA" },
  ];
  writeFileSync(join(dir, "mini.json"), JSON.stringify(d));
  assert.equal(habeas("init").code, 0);
  assert.equal(habeas("import", join(dir, "mini.json")).code, 0);
  const stats = join(dir, "stats");
  mkdirSync(stats);
  writeFileSync(
    join(stats, "FY25__Facilities_FY25.csv"),
    '"ICE FACILITIES DATA, FY25",,,,,,\nName,Address,City,State,Zip,AOR,Type Detailed\nSTEWART DETENTION CENTER,146 CCA ROAD,LUMPKIN,GA,31815,ATL,IGSA\n',
  );
  writeFileSync(join(stats, "FY25__ATD_FY25.csv"), '"ATD data",,\nMonth,Count,\nOctober,"1,000",\n');
  const first = habeas("import", stats, "--json");
  assert.equal(first.code, 0, first.err);
  const results = JSON.parse(first.out) as { kind: string; reason?: string }[];
  assert.deepEqual(results.map((r) => r.kind).sort(), ["ice-facilities", "skipped"]);
  assert.match(results.find((r) => r.kind === "skipped")?.reason ?? "", /not a facility sheet/);
  assert.equal(habeas("import", stats).code, 0);
  const found = JSON.parse(habeas("facilities", "search", "stewart", "--json").out) as { id: string }[];
  assert.deepEqual(
    found.map((f) => f.id),
    ["stewart"],
  );

  const show = habeas("facilities", "show", "stewart");
  assert.match(show.out, /District: Middle District of Georgia \(M\.D\. Ga\.\)/);
  assert.match(show.out, /Atlanta Field Office/);
  assert.equal(habeas("facilities", "show", "nowhere").code, 3);

  const out = join(dir, "draft.docx");
  const draft = habeas("petition", "draft", "private-1", "--json", "--out", out);
  assert.equal(draft.code, 0, draft.err);
  const j = JSON.parse(draft.out) as Record<string, unknown>;
  for (const k of ["court", "district", "division", "basis", "respondents", "facility", "warnings"])
    assert.ok(k in j, k);
  assert.equal(j.court, "United States District Court for the Middle District of Georgia");
  const { value } = await mammoth.extractRawText({ path: out });
  assert.match(value, /DRAFT — to be reviewed and signed by counsel/);
  assert.equal(habeas("petition", "draft", "nobody").code, 3);
  assert.equal(habeas("petition", "draft", "private-1", "--out", "x.pdf").code, 2);
});
