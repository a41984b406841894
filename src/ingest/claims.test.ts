import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildClaims, normalizePredicate } from "./claims.ts";
import { findNearDuplicates } from "./dedupe.ts";
import { extractArticle } from "./extract.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const skip = !existsSync(CORPUS) && "../shared not present";

const A = `Deportations to El Salvador
Outlet: Daily One

On March 15, the administration deported 238 Venezuelan migrants to CECOT, officials said. The U.S. paid El Salvador $6 million to hold them. Kilmar Abrego Garcia was also sent there. President Nayib Bukele was elected in 2019.`;
const B = `Flights to CECOT
Outlet: Other Two

On March 15, the government sent 261 Venezuelan men to CECOT in El Salvador. The deal was worth $4.7 million paid to El Salvador. Kilmer Abrego Garcia remains there. President Nayib Bukele was elected in 2022, critics noted.`;
const A_COPY = A.replace("Outlet: Daily One", "Outlet: Aggregator Three");
const C = `Deportes
Outlet: Cuatro
Language: es

El 15 de marzo de 2025, el gobierno envió a 238 venezolanos al Centro de Confinamiento del Terrorismo (CECOT).`;

function claimsOf() {
  const arts = [
    extractArticle(A, { id: "a" }),
    extractArticle(B, { id: "b" }),
    extractArticle(A_COPY, { id: "a-copy" }),
    extractArticle(C, { id: "c" }),
  ];
  const groups = findNearDuplicates([
    { id: "a", text: A },
    { id: "b", text: B },
    { id: "a-copy", text: A_COPY },
    { id: "c", text: C },
  ]);
  return { claims: buildClaims(arts, groups), groups };
}

test("a copy of an article is not a second source", () => {
  const { claims, groups } = claimsOf();
  assert.deepEqual(groups, [["a", "a-copy"]]);
  const count = claims.find((c) => c.predicate === "count" && c.subject.includes("CECOT"))!;
  const v238 = count.values.find((v) => v.value === "238")!;
  assert.deepEqual(v238.sources, ["a", "a-copy", "c"]);
  assert.equal(v238.independent_count, 2, "a and its copy count once; the Spanish article is independent");
  assert.equal(count.corroboration, 2);
});

test("independent sources that disagree make a conflict: counts, money, spellings, dates", () => {
  const { claims } = claimsOf();
  const by = (p: string) => claims.find((c) => c.predicate === p && c.values.length > 1)!;
  const count = by("count");
  assert.equal(count.subject, "Venezuelans sent to CECOT on 2025-03-15");
  assert.deepEqual(count.values.map((v) => v.value).sort(), ["238", "261"]);
  assert.equal(count.conflict, true);
  const money = by("amount_usd");
  assert.deepEqual(money.values.map((v) => v.value).sort(), ["$4,700,000", "$6,000,000"]);
  assert.equal(money.conflict, true);
  const spelling = by("name_spelling");
  assert.equal(spelling.subject, "Kilmar Abrego Garcia");
  assert.deepEqual(spelling.values.map((v) => v.value).sort(), [
    "Kilmar Abrego Garcia",
    "Kilmer Abrego Garcia",
  ]);
  assert.equal(spelling.conflict, true);
  const elected = by("elected");
  assert.equal(elected.subject, "Nayib Bukele");
  assert.deepEqual(elected.values.map((v) => v.value).sort(), ["2019", "2022"]);
  assert.equal(elected.conflict, true);
});

test("values that can both be true are no conflict: 'more than 250' and 252", () => {
  const x = extractArticle("Outlet: One\n\nMore than 250 Venezuelans were sent to CECOT on March 15.", {
    id: "x",
  });
  const y = extractArticle("Outlet: Two\n\nOfficials said 252 Venezuelans were sent to CECOT on March 15.", {
    id: "y",
  });
  const c = buildClaims([x, y], []).find((k) => k.predicate === "count")!;
  assert.equal(c.values.length, 2);
  assert.equal(c.conflict, false);
});

test("the same outlet twice is one source", () => {
  const x = extractArticle("Outlet: One\n\n238 Venezuelans were sent to CECOT on March 15.", { id: "x" });
  const y = extractArticle("Outlet: One\n\n261 Venezuelans were sent to CECOT on March 15.", { id: "y" });
  const c = buildClaims([x, y], []).find((k) => k.predicate === "count")!;
  assert.equal(c.conflict, false, "one outlet contradicting itself is a correction, not two sources");
});

test("real corpus: the CECOT count is corroborated across independent outlets", { skip }, () => {
  const docs = ["seeds", "dev"].flatMap((dir) =>
    readdirSync(join(CORPUS, dir))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => ({ id: f, text: readFileSync(join(CORPUS, dir, f), "utf8") })),
  );
  const arts = docs.map((d) => extractArticle(d.text, { id: d.id }));
  const claims = buildClaims(arts, findNearDuplicates(docs));
  const spelled = claims.find((c) => c.predicate === "name_spelling" && c.subject.startsWith("Kilmar"))!;
  assert.ok(
    spelled.values.some((v) => v.value.startsWith("Kilmer")),
    "the 'Kilmer' misspelling is a value",
  );
  assert.equal(spelled.conflict, true);
  assert.ok(
    claims.some(
      (c) => c.predicate === "count" && c.values.some((v) => v.value === "238" && v.independent_count >= 2),
    ),
  );
});

test("a number's scope keys its claim: a date's flights and 'in all' are two claims, one date twice is one", () => {
  const a = extractArticle(
    "Outlet: North Desk\n\nThe 214 Hondurans on the 9 June flights were sent to the base.",
    {
      id: "a",
    },
  );
  const b = extractArticle(
    "Outlet: South Desk\n\nIn all, 230 Hondurans were sent to the base over the summer.",
    {
      id: "b",
    },
  );
  const c = extractArticle(
    "Outlet: East Desk\n\nOn 9 June, 197 Hondurans were sent to the base on flights.",
    {
      id: "c",
    },
  );
  const claims = buildClaims([a, b, c], []).filter((k) => k.predicate === "count");
  const dated = claims.find((k) => k.scope.date && k.values.length > 1);
  assert.ok(dated, JSON.stringify(claims.map((k) => [k.subject, k.scope, k.values.map((v) => v.value)])));
  assert.equal(dated.conflict, true, "214 and 197 for the same day's flights cannot both be true");
  const total = claims.find((k) => k.scope.total);
  assert.ok(total && !total.conflict && total.values.length === 1);
  assert.equal(total.entity.kind, "population");
});

test("predicates are normalized: 'elected' and 'first elected' compare; 're-elected' is its own", () => {
  assert.equal(normalizePredicate("first elected"), "elected");
  assert.equal(normalizePredicate("elected president"), "elected");
  assert.equal(normalizePredicate("elegido"), "elected");
  assert.equal(normalizePredicate("re-elected"), "re-elected");
  const x = extractArticle("Outlet: Uno\n\nMayor Teodoro Villaseñor was first elected in 2016.", { id: "x" });
  const y = extractArticle("Outlet: Dos\n\nTeodoro Villaseñor was elected in 2020, his aides said.", {
    id: "y",
  });
  const c = buildClaims([x, y], []).find((k) => k.predicate === "elected");
  assert.ok(c?.conflict, JSON.stringify(buildClaims([x, y], [])));
});

test("no name-spelling claims for organizations or places", () => {
  const x = extractArticle("Outlet: Uno\n\nThe Instituto Cardenal Ruiz said Amalia Soto Ruiz was moved.", {
    id: "x",
  });
  const y = extractArticle("Outlet: Dos\n\nThe Institute Cardenal Ruis said Amalia Soto Ruis was moved.", {
    id: "y",
  });
  const spellings = buildClaims([x, y], []).filter((k) => k.predicate === "name_spelling");
  assert.ok(
    spellings.every((k) => !/Institut/.test(k.subject)),
    JSON.stringify(spellings),
  );
});
