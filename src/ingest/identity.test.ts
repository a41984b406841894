import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { compareNames, resolveIdentities } from "./identity.ts";

const NAMES = fileURLToPath(new URL("../../../shared/data/names/", import.meta.url));
const skip = !existsSync(NAMES) && "../shared not present";

function groupsOf(names: Parameters<typeof resolveIdentities>[0]): string[][] {
  return resolveIdentities(names).identities.map((i) => i.members);
}

const SAME: [string, string][] = [
  ["Kilmar Armando Abrego Garcia", "Kilmar Abrego García"],
  ["Kilmar Armando Abrego Garcia", "Kilmer Abrego Garcia"],
  ["Andry José Hernández Romero", "Andry Hernandez Romero"],
  ["Andry José Hernández Romero", "Andry Hernández"],
  ["Neri José Alvarado Borges", "Neri Borges"],
  ["Yordin Quijada-Leon", "Yordin Quijada Leon"],
  ["Alexis Dolores Romero de Hernández", "Alexis Romero"],
  ["Gerardo del Valle", "Gerardo Del Valle"],
  ["Marco Rubio", "Marc Rubio"],
  ["Nicolás Maduro", "Nicholas Maduro"],
  ["James E. Boasberg", "James Boasberg"],
  ["María Fernanda Gutiérrez Pérez", "Maria Fernanda Gutierres Perez"],
  ["Neiyerver Adrián León Rengel", "León Rengel"],
  ["Andry José Hernández Romero", "HERNANDEZ ROMERO, Andry Jose"],
  ["Andry José Hernández Romero", "HERNANDEZ ROMERO Andry Jose"],
  ["José Manuel Mora", "Joseph Manuel Mora"],
];
const DIFFERENT: [string, string][] = [
  ["José Hernández Romero", "José Hernández López"],
  ["José Hernández Romero", "José Fernández Romero"],
  ["Daniel Pérez Soto", "Daniela Pérez Soto"],
  ["José Luis Mora", "Josué Luis Mora"],
  ["Mike Lee", "Mike Davis"],
  ["Juan Enrique Hernandez", "Andry Hernández"],
  ["Alexis Romero de Hernández", "Alexis Romero de Castillo"],
];

for (const [a, b] of SAME) {
  test(`one person: ${a} / ${b}`, () => {
    assert.deepEqual(groupsOf([a, b]), [[a, b]]);
  });
}
for (const [a, b] of DIFFERENT) {
  test(`two people: ${a} / ${b}`, () => {
    assert.equal(compareNames({ name: a }, { name: b }) < 0.8, true);
    assert.deepEqual(groupsOf([a, b]), [[a], [b]]);
  });
}

test("different birth dates keep namesakes apart, whatever the names", () => {
  const r = resolveIdentities([
    { name: "José Hernández", birth_date: "1990-02-01" },
    { name: "José Hernández Romero", birth_date: "1985-07-12" },
  ]);
  assert.equal(r.identities.length, 2);
});

test("an A-number decides: same number merges a garbled name, different numbers never merge", () => {
  const same = resolveIdentities([
    { name: "Jose Hernandes", a_number: "A-212-345-678" },
    { name: "José Hernández Romero", a_number: "212345678" },
  ]);
  assert.equal(same.identities.length, 1);
  const diff = resolveIdentities([
    { name: "José Hernández Romero", a_number: "A212345678" },
    { name: "José Hernández Romero", a_number: "A298765432" },
  ]);
  assert.equal(diff.identities.length, 2);
});

test("a short name two people share is not merged: it becomes proposals with scores", () => {
  const r = resolveIdentities(["José Hernández Romero", "José Hernández López", "José Hernández"]);
  assert.deepEqual(
    r.identities.map((i) => i.members),
    [["José Hernández Romero"], ["José Hernández López"], ["José Hernández"]],
  );
  const withShort = r.proposals.filter((p) => p.a === "José Hernández" || p.b === "José Hernández");
  assert.equal(withShort.length, 2);
  assert.ok(withShort.every((p) => p.score > 0.5 && p.score <= 1));
});

test("a lone surname joins the only identity that has it; with two candidates it is only a proposal", () => {
  assert.equal(resolveIdentities(["Neri José Alvarado Borges", "Borges"]).identities.length, 1);
  const r = resolveIdentities(["Neri José Alvarado Borges", "Luisa Borges Mata", "Borges"]);
  assert.equal(r.identities.length, 3);
  assert.ok(r.proposals.some((p) => p.a === "Borges" || p.b === "Borges"));
});

test("canonical is the fullest, accented form", () => {
  const r = resolveIdentities(["Andry Hernandez Romero", "Andry José Hernández Romero", "Andry Hernández"]);
  assert.equal(r.identities[0]!.canonical, "Andry José Hernández Romero");
});

test("generated names from the frequency lists: variants merge, namesakes never do", { skip }, () => {
  const read = (f: string) =>
    readFileSync(join(NAMES, f), "utf8")
      .split(/\r?\n/)
      .map((l) => l.split(",")[0]!.trim())
      .filter((n) => /^\p{L}{3,}$/u.test(n))
      .slice(0, 120);
  const given = read("ve_wikidata_males.csv");
  const surnames = read("ve_wikidata_surnames.csv");
  const people = given
    .slice(0, 40)
    .map((g, i) => [g, surnames[i]!, surnames[(i * 7 + 3) % surnames.length]!] as const);
  const names: { name: string; person: number }[] = [];
  people.forEach(([g, s1, s2], person) => {
    if (s1 === s2) return;
    for (const name of [
      `${g} ${s1} ${s2}`,
      `${g} ${s1}-${s2}`,
      `${g} ${s2}`,
      `${g.normalize("NFD").replace(/\p{M}/gu, "")} ${s1} ${s2}`,
    ]) {
      names.push({ name, person });
    }
  });
  // A namesake of person 0: same given name and first surname, another mother.
  const [g0, s10] = people[0]!;
  names.push({ name: `${g0} ${s10} Zzyzxa`, person: -1 });
  const r = resolveIdentities(names.map((n) => n.name));
  for (const id of r.identities) {
    const persons = new Set(id.members.map((m) => names.find((n) => n.name === m)!.person));
    assert.equal(persons.size, 1, `merged different people: ${id.members.join(" / ")}`);
  }
  assert.ok(r.identities.length <= people.length + 5);
});

test("a lone word joins the one identity that can own it, and stays apart when two could", () => {
  const groups = groupsOf([
    "Yuleisy Carolina Marcano Salas",
    "Marcano",
    "Yuleisy",
    "@yuleisymarcano",
    "Ovidio Tremont Salas",
    "Odalys Tremont Vera",
    "Tremont",
    "Salas",
  ]);
  const find = (n: string) => groups.find((g) => g.includes(n))!;
  assert.ok(find("Marcano").includes("Yuleisy Carolina Marcano Salas"));
  assert.ok(find("Yuleisy").includes("Yuleisy Carolina Marcano Salas"));
  assert.ok(find("@yuleisymarcano").includes("Yuleisy Carolina Marcano Salas"));
  // Two Tremonts and two Salas: the lone surname could be either.
  assert.deepEqual(find("Tremont"), ["Tremont"]);
  assert.deepEqual(find("Salas"), ["Salas"]);
});

test("honorifics are stripped and misspellings by sound still match", () => {
  assert.ok(compareNames({ name: "Mr Ezequiel Barrios" }, { name: "Ezequiel Barrios" }) >= 0.8);
  assert.ok(compareNames({ name: "señora Yamileth Vásquez" }, { name: "Llamileth Vasquez" }) >= 0.8);
  assert.ok(compareNames({ name: "Wilber Zambrano" }, { name: "Wilver Sambrano" }) >= 0.8);
  // Two surnames that sound different stay different people.
  assert.equal(compareNames({ name: "Ana Hernández" }, { name: "Ana Fernández" }), 0);
});
