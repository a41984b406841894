// Readable, collision-resistant ids: a slug of the name plus a short random tail.
import { foldName } from "./names.ts";

export function newId(label: string): string {
  const slug = foldName(label).replace(/ /g, "-").slice(0, 40).replace(/-+$/, "") || "x";
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${slug}-${tail}`;
}

let lastMs = 0;
let seq = 0;

/**
 * An id that says nothing about its record's content: a kind prefix, the creation time and a counter (so ids
 * sort in the order records were written, as UUIDv7 and ULIDs do) and 40 random bits. New people, events,
 * orders, matters and sources get these, so an id reveals no name and no date of what happened.
 */
export function opaqueId(prefix: "p" | "ev" | "o" | "m" | "s" | "doc"): string {
  const ms = Date.now();
  seq = ms === lastMs ? seq + 1 : 0;
  lastMs = ms;
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${prefix}-${ms.toString(36).padStart(9, "0")}${seq.toString(36).padStart(3, "0")}${tail}`;
}
