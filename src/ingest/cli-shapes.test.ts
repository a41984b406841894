import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { dedupeFiles, extractFiles, resolveNamesFile } from "./cli-shapes.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const skip = !existsSync(CORPUS) && "../shared not present";

const dir = mkdtempSync(join(tmpdir(), "habeas-shapes-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const article = join(dir, "a.txt");
writeFileSync(
  article,
  `Judge orders return\nDate: 2025-04-10\nOutlet: Example\n\nU.S. District Judge Paula Xinis ordered the return of Kilmar Abrego Garcia, who was sent to CECOT with 238 other men on March 15. "The government must facilitate his return as soon as possible," Xinis wrote.\n`,
);

test("extract: one object per file with exactly the evaluator's keys", async () => {
  const [out] = await extractFiles([article]);
  assert.deepEqual(Object.keys(out!), [
    "file",
    "sha256",
    "language",
    "title",
    "published",
    "people",
    "organizations",
    "places",
    "facilities",
    "quotes",
    "numbers",
    "dates",
  ]);
  assert.equal(out!.file, "a.txt");
  assert.match(out!.sha256, /^[0-9a-f]{64}$/);
  assert.equal(out!.language, "en");
  assert.equal(out!.published, "2025-04-10");
  assert.deepEqual(Object.keys(out!.people[0]!), ["name", "forms", "mentions"]);
  assert.deepEqual(out!.facilities, [{ name: "CECOT", forms: ["CECOT"] }]);
  assert.deepEqual(out!.quotes, [
    { text: "The government must facilitate his return as soon as possible", speaker: "Paula Xinis" },
  ]);
  assert.deepEqual(Object.keys(out!.numbers[0]!), ["value", "unit", "about"]);
  assert.deepEqual(out!.dates[0], { text: "March 15", date: "2025-03-15" });
  assert.doesNotThrow(() => JSON.stringify(out));
});

test("resolve: names.txt, one per line, to identities", async () => {
  const path = join(dir, "names.txt");
  writeFileSync(
    path,
    "Kilmar Armando Abrego Garcia\nKilmer Abrego Garcia\n\n# comment\nJosé Hernández Romero\nJosé Hernández López\n",
  );
  assert.deepEqual(await resolveNamesFile(path), {
    identities: [
      {
        canonical: "Kilmar Armando Abrego Garcia",
        members: ["Kilmar Armando Abrego Garcia", "Kilmer Abrego Garcia"],
      },
      { canonical: "José Hernández Romero", members: ["José Hernández Romero"] },
      { canonical: "José Hernández López", members: ["José Hernández López"] },
    ],
  });
});

test("dedupe: groups of two or more files only", { skip }, async () => {
  const files = [
    "34_nbcdfw_neri_alvarado_autism_tattoo.txt",
    "35_nbcdfw_neri_REPOST_similarworlds.txt",
    "13_anadolu_scotus_abrego_return.txt",
  ];
  const out = await dedupeFiles(files.map((f) => join(CORPUS, "dev", f)));
  assert.deepEqual(out, { groups: [[files[0], files[1]]] });
});
