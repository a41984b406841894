import assert from "node:assert/strict";
import { test } from "node:test";
import { extractArticle } from "./extract.ts";
import { isOfficialProfile, personProfiles } from "./person-profiles.ts";

const TEXT = `Relatives wait for news of men sent abroad
Date: 2025-06-20

Por: Ilse Varga, Diario Norte; Tomás Reiner, Diario Norte

Last week Honduran bricklayer Elvin Josué Maradiaga Cruz was deported to El Salvador and is held at CECOT, his sister said.
Elvin, who is 31, had no criminal record, according to Wendy Maradiaga, his sister.
Corinne Abbott, a spokeswoman for the border agency, said the agency followed the law.
Victor Halloran, an acting field office director, declined to comment.`;

test("profiles: forms, nationality, facility, relative date read against the article's date, the sentence", () => {
  const a = extractArticle(TEXT);
  const profiles = personProfiles(a, TEXT, new Date("2025-06-20T12:00:00Z"));
  const elvin = profiles.find((p) => p.name.startsWith("Elvin Josué"))!;
  assert.ok(elvin, JSON.stringify(profiles.map((p) => p.name)));
  assert.equal(elvin.nationality, "HN");
  assert.equal(elvin.facility?.name, "CECOT");
  assert.equal(elvin.event?.type, "REMOVAL");
  assert.equal(elvin.event?.date, "2025-06", "'last week' is read against the article's date, to the month");
  assert.match(elvin.sentence, /^Last week Honduran bricklayer/);
  assert.ok(elvin.forms.includes("Elvin Josué Maradiaga Cruz"));
});

test("profiles: officials in apposition and people of a byline are not proposed as new people", () => {
  const a = extractArticle(TEXT);
  const proposed = personProfiles(a, TEXT)
    .filter((p) => !isOfficialProfile(p))
    .map((p) => p.name);
  assert.ok(!proposed.some((n) => /Abbott|Halloran|Varga|Reiner/.test(n)), JSON.stringify(proposed));
  assert.ok(
    proposed.some((n) => n.startsWith("Wendy")),
    JSON.stringify(proposed),
  );
});
