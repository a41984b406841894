import assert from "node:assert/strict";
import { test } from "node:test";
import { eventCues, relativeDate } from "./event-cues.ts";

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

test("relative dates are read against the article's date, at the precision the words carry", () => {
  const ref = new Date("2025-06-20T12:00:00Z"); // a Friday
  assert.deepEqual(relativeDate("He was deported last year.", ref), { date: "2024" });
  assert.deepEqual(relativeDate("Fue deportado el mes pasado.", ref), { date: "2025-05" });
  assert.deepEqual(relativeDate("She was released yesterday.", ref), { date: "2025-06-19" });
  assert.deepEqual(relativeDate("He was arrested on Monday.", ref), { date: "2025-06-16" });
  assert.equal(relativeDate("He was arrested.", ref), undefined);
});

test("page furniture is never an event's summary", () => {
  const cues = eventCues(
    "Let's dive into the details: Omar Trejo Lugo was deported on March 3, 2025.\nOmar Trejo Lugo was released on April 9, 2025.",
    [{ name: "Omar Trejo Lugo", forms: ["Omar Trejo Lugo"] }],
    "en",
  );
  assert.deepEqual(
    cues.map((c) => c.type),
    ["RELEASE"],
  );
});
