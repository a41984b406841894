import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { foldName } from "../domain/names.ts";
import { extractArticle } from "./extract.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const skip = !existsSync(CORPUS) && "../shared not present";

const EN = `Mother pleads for son held in El Salvador
URL: https://news.example/story
Date: 2025-04-16 (11:02 AM EDT)
Outlet: Example News
Byline: Jane Reporter

Lawyer Maria Gonzalez said her client, Juan Carlos Perez, was held at the Otay Mesa Detention Center for 40 days before he was flown to the Terrorism Confinement Center. "He has never been charged with any crime in this country," she said.
Perez told reporters: "I only want to see my children again soon." According to Gonzalez, about 300 men were moved to Guantanamo Bay on March 15.
Jane Reporter contributed. U.S. District Judge Paula Xinis wrote that the order "runs contrary to law and logic in every respect," and the Trump administration did not answer.`;

const ES = `Deportan a venezolano al CECOT
Language: es

El abogado Carlos Ramírez Pérez denunció que su cliente, José Luis Mendoza Ríos, fue enviado al Centro de Confinamiento del Terrorismo el 15 de marzo de 2025. Según Ramírez, «no existe ninguna prueba de que pertenezca a una pandilla».
La madre del joven, Rosa Ríos de Mendoza, dijo: «Mi hijo es un buen muchacho y trabajaba todos los días».
El gobierno de Nayib Bukele recibió a 238 venezolanos y cobró 6 millones de dólares. Mendoza Ríos lleva 125 días detenido.`;

test("English: metadata, people with every form, byline left out", () => {
  const a = extractArticle(EN);
  assert.equal(a.language, "en");
  assert.equal(a.title, "Mother pleads for son held in El Salvador");
  assert.equal(a.published, "2025-04-16");
  assert.equal(a.outlet, "Example News");
  const people = Object.fromEntries(a.people.map((p) => [p.name, p.forms]));
  assert.deepEqual(people["Maria Gonzalez"], ["Maria Gonzalez", "Gonzalez"]);
  assert.deepEqual(people["Juan Carlos Perez"], ["Juan Carlos Perez", "Perez"]);
  assert.ok(people["Paula Xinis"]);
  assert.ok(people.Trump, "'Trump administration' names Trump");
  assert.ok(!people["Jane Reporter"], "the byline journalist is not a person of the story");
});

test("English: quotations with speakers (pronoun, colon, 'wrote that')", () => {
  const a = extractArticle(EN);
  const q = Object.fromEntries(a.quotes.map((x) => [x.text.split(" ").slice(0, 3).join(" "), x.speaker]));
  assert.equal(q["He has never"], "Maria Gonzalez");
  assert.equal(q["I only want"], "Juan Carlos Perez");
  assert.equal(q["runs contrary to"], "Paula Xinis");
});

test("English: numbers with what they count; facilities from the built-in list and by name", () => {
  const a = extractArticle(EN);
  const n = a.numbers.map((x) => [x.value, x.unit]);
  assert.deepEqual(n, [
    [40, "days"],
    [300, "people"],
  ]);
  assert.match(a.numbers[1]!.about, /men were moved to Guantanamo Bay/);
  const f = Object.fromEntries(a.facilities.map((x) => [x.name, x.forms]));
  assert.deepEqual(f.CECOT, ["Terrorism Confinement Center"]);
  assert.deepEqual(f["Guantánamo Bay"], ["Guantanamo Bay"]);
  assert.deepEqual(f["Otay Mesa Detention Center"], ["Otay Mesa Detention Center"]);
  assert.ok(a.dates.some((d) => d.date === "2025-03-15"));
});

test("Spanish: names with two surnames, married form, «…» quotations, según X", () => {
  const a = extractArticle(ES);
  assert.equal(a.language, "es");
  const people = Object.fromEntries(a.people.map((p) => [p.name, p.forms]));
  assert.deepEqual(people["Carlos Ramírez Pérez"], ["Carlos Ramírez Pérez", "Ramírez"]);
  assert.deepEqual(people["José Luis Mendoza Ríos"], ["José Luis Mendoza Ríos", "Mendoza Ríos"]);
  assert.ok(people["Rosa Ríos de Mendoza"]);
  assert.ok(people["Nayib Bukele"], "'gobierno de Nayib Bukele' names him");
  const q = a.quotes.map((x) => [x.text.split(" ").slice(0, 3).join(" "), x.speaker]);
  assert.deepEqual(q, [
    ["no existe ninguna", "Carlos Ramírez Pérez"],
    ["Mi hijo es", "Rosa Ríos de Mendoza"],
  ]);
  assert.deepEqual(
    a.numbers.map((x) => [x.value, x.unit]),
    [
      [238, "people"],
      [6000000, "usd"],
      [125, "days"],
    ],
  );
  assert.deepEqual(a.facilities, [
    { id: "cecot", name: "CECOT", forms: ["Centro de Confinamiento del Terrorismo"] },
  ]);
  assert.deepEqual(
    a.dates.map((d) => d.date),
    ["2025-03-15"],
  );
});

test("facilities passed in as a registry", () => {
  const a = extractArticle("He was moved to the Bluebonnet Jail near Abilene, then to Bluebonnet.", {
    registry: [
      {
        id: "ice-bluebonnet",
        name: "Bluebonnet Detention Facility",
        aliases: ["Bluebonnet Jail", "Bluebonnet"],
      },
    ],
  });
  assert.deepEqual(a.facilities, [
    { id: "ice-bluebonnet", name: "Bluebonnet Detention Facility", forms: ["Bluebonnet Jail", "Bluebonnet"] },
  ]);
});

test("an unnamed speaker stays null: “…,” an officer told him", () => {
  const a = extractArticle(
    "Roger Molina was pushed to the ground.\nThen a Salvadoran officer grabbed him by the neck.\n“Run, you will never leave this place,” he commanded, according to Molina.",
  );
  assert.equal(a.quotes.length, 1);
  assert.equal(a.quotes[0]!.speaker, null);
});

test("split quotation joined by 'X said' is one entry; a new sentence is another", () => {
  const a = extractArticle(
    "Damian Merlo, a lobbyist, spoke.\n“Footage showed them in good spirits and calm,” Merlo said, “happily heading back home to Venezuela.”\n“We are not going to discuss this at all,” Merlo said. “The matter is closed for the government now.”",
  );
  assert.deepEqual(
    a.quotes.map((q) => [q.text.slice(0, 20), q.speaker]),
    [
      ["Footage showed them ", "Damian Merlo"],
      ["We are not going to ", "Damian Merlo"],
      ["The matter is closed", "Damian Merlo"],
    ],
  );
  assert.match(a.quotes[0]!.text, /calm, happily heading back home/);
});

test("dated facts: '<person> was elected … in 2019'", () => {
  const a = extractArticle("President Nayib Bukele was elected president in 2019 and took office that June.");
  assert.deepEqual(
    a.facts.map((f) => [f.subject, f.predicate, f.value]),
    [["Nayib Bukele", "elected", "2019"]],
  );
});

type Gold = { language: string; people: { forms: string[] }[]; facilities: { forms: string[] }[] };

test("real corpus: people and facilities found in English and Spanish", { skip }, () => {
  const by: Record<string, { tp: number; fn: number; fp: number; ftp: number; ffn: number }> = {};
  for (const dir of ["seeds", "dev"]) {
    for (const file of readdirSync(join(CORPUS, dir)).filter((f) => f.endsWith(".txt"))) {
      const gold = JSON.parse(
        readFileSync(join(CORPUS, "gold", file.replace(".txt", ".json")), "utf8"),
      ) as Gold;
      const a = extractArticle(readFileSync(join(CORPUS, dir, file), "utf8"), { id: file });
      by[gold.language] ??= { tp: 0, fn: 0, fp: 0, ftp: 0, ffn: 0 };
      const s = by[gold.language]!;
      const used = new Set<number>();
      for (const p of a.people) {
        const forms = new Set(p.forms.map(foldName));
        const i = gold.people.findIndex(
          (g, k) => !used.has(k) && g.forms.some((x) => forms.has(foldName(x))),
        );
        if (i >= 0) used.add(i);
        else s.fp++;
      }
      s.tp += used.size;
      s.fn += gold.people.length - used.size;
      for (const g of gold.facilities) {
        const hit = a.facilities.some((f) =>
          f.forms.some((x) => g.forms.some((y) => foldName(x) === foldName(y))),
        );
        if (hit) s.ftp++;
        else s.ffn++;
      }
    }
  }
  for (const [lang, s] of Object.entries(by)) {
    assert.ok(s.tp / (s.tp + s.fp) >= 0.9, `${lang} people precision ${s.tp}/${s.tp + s.fp}`);
    assert.ok(s.tp / (s.tp + s.fn) >= 0.9, `${lang} people recall ${s.tp}/${s.tp + s.fn}`);
    assert.ok(s.ftp / (s.ftp + s.ffn) >= 0.95, `${lang} facility recall`);
  }
});
