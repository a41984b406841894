// Table tests for name similarity: what a person searching by a misspelled or partial name gets first.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bestNameSimilarity, foldName, initialsOf, nameSimilarity, nameWords, nameWordsOf } from "./names.ts";

/** The names ranked for a query, best first (ties keep the given order). */
const rank = (query: string, names: string[]) =>
  names
    .map((n) => ({ n, s: nameSimilarity(query, n) }))
    .sort((a, b) => b.s - a.s)
    .map((x) => x.n);

describe("name similarity", () => {
  test("accents, case and hyphens do not matter", () => {
    assert.equal(foldName("Ábrego-García"), "abrego garcia");
    assert.equal(nameSimilarity("kilmar abrego garcia", "Kilmar Armando Ábrego García") > 0.9, true);
  });

  const cases: [string, string, string[]][] = [
    ["order kept wins", "wei lei wang", ["Lei Wei Wang", "Wei Lei Wang"]],
    ["order kept wins, three parts", "marcos souza gomes", ["Marcos Gomes Souza", "Marcos Souza Gomes"]],
    // A missing second surname is the commonest omission: the query's surname is the first one.
    ["second surname left off", "Isaac Lopez", ["Isaac Hernandez Lopez", "Isaac Lopez Arias"]],
    ["the fuller match first", "Jose Garcia Lopez", ["Jose Garcia", "Jose Garcia Lopez"]],
    // A part left unmentioned costs less than a misspelled one.
    ["the very name, one surname left off", "Josue Diaz", ["Jose Diaz", "Josue Diaz Perez"]],
    ["a misspelling", "Kilmer Abrego", ["Kilian Obrero", "Kilmar Armando Abrego Garcia"]],
  ];
  for (const [what, query, [worse, better]] of cases as [string, string, [string, string]][])
    test(`${what}: "${query}" ranks ${better} above ${worse}`, () => {
      assert.deepEqual(rank(query, [worse, better]), [better, worse]);
    });

  test("surname-first lists with a comma read like given names first", () => {
    assert.equal(
      nameSimilarity("Abrego Garcia, Kilmar", "Kilmar Abrego Garcia"),
      nameSimilarity("Kilmar Abrego Garcia", "Kilmar Abrego Garcia"),
    );
  });

  test("a reordered name is still found, only ranked a little lower", () => {
    const reordered = nameSimilarity("Garcia Kilmar Abrego", "Kilmar Abrego Garcia");
    assert.ok(reordered > 0.9 && reordered < 1, String(reordered));
  });

  test("an alias counts as much as the full name", () => {
    assert.equal(bestNameSimilarity("Ming Liu", ["Ming Jun Liu", "Ming Liu"]), 1);
  });
});

describe("initialsOf", () => {
  for (const [name, want] of [
    ["María de la Luz García", "M.L.G."],
    ["Ábrego-García, Kilmar", "A.G.K."],
    ["Ming", "M."],
    ["", "?"],
  ] as const)
    test(`${JSON.stringify(name)} → ${want}`, () => assert.equal(initialsOf(name), want));
});

test("the words of a name that can identify someone: folded, two letters or more, no particles", () => {
  assert.deepEqual(nameWords("María de la Luz Ábrego-García y O'Brien"), [
    "maria",
    "luz",
    "abrego",
    "garcia",
    "brien",
  ]);
  assert.deepEqual([...nameWordsOf(["Juan Pérez", "Juanito Perez"])], ["juan", "perez", "juanito"]);
});
