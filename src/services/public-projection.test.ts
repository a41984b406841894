// Names of people who did not consent, as the public reads texts that contain them: initials, whole words only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { privateNames, redactNames, wordsIn } from "./public-projection.ts";

test("every word of a private name becomes its initial, hyphenated and with apostrophes too", () => {
  const names = privateNames(["Kilmar Ábrego-García", "Ana O'Brien", "María de la Luz Romero"]);
  assert.equal(redactNames("Kilmar Ábrego-García v. Noem", names), "K. A.-G. v. Noem");
  assert.equal(redactNames("Statement of Ana O'Brien", names), "Statement of A. O.");
  // Particles join names and name no one: a Spanish title keeps them.
  assert.equal(redactNames("Informe de la CIDH sobre María Romero", names), "Informe de la CIDH sobre M. R.");
  assert.equal(redactNames(undefined, names), undefined);
});

test("a context built for some texts hides their private words and fails closed on any other text", () => {
  const texts = ["Report on Pérez-Quintana", "In re Rosa"];
  const checked = wordsIn(texts);
  assert.deepEqual([...checked].sort(), ["in", "on", "perez", "quintana", "re", "report", "rosa"]);
  const names = { words: new Set(["perez", "quintana"]), checked };
  assert.equal(redactNames("Report on Pérez-Quintana", names), "Report on P.-Q.");
  assert.equal(redactNames("In re Rosa", names), "In re Rosa");
  assert.equal(redactNames("Unexpected Text", names), "U. T.", "a word nobody looked up is not shown");
});
