import assert from "node:assert/strict";
import { test } from "node:test";
import { eventCues } from "./event-cues.ts";

test("a dated sentence naming a person and a cue word becomes a proposed event", () => {
  const text =
    "Officials said Kilmar Abrego Garcia was deported to El Salvador on March 15, 2025. He had lived in Maryland.\n" +
    "The judge ordered his return in April.";
  const cues = eventCues(
    text,
    [{ name: "Kilmar Abrego Garcia", forms: ["Kilmar Abrego Garcia", "Abrego Garcia"] }],
    "en",
  );
  assert.deepEqual(
    cues.map((c) => [c.person, c.type, c.date]),
    [["Kilmar Abrego Garcia", "REMOVAL", "2025-03-15"]],
  );
});

test("Spanish cue words work, and sentences without a date propose nothing", () => {
  const text =
    "Andry Hernández Romero fue deportado a El Salvador el 15 de marzo de 2025. Andry Hernández fue liberado.";
  const cues = eventCues(
    text,
    [{ name: "Andry Hernández Romero", forms: ["Andry Hernández Romero", "Andry Hernández"] }],
    "es",
  );
  assert.deepEqual(
    cues.map((c) => [c.type, c.date]),
    [["REMOVAL", "2025-03-15"]],
  );
});
