// Readable, collision-resistant ids: a slug of the name plus a short random tail.
import { foldName } from "./names.ts";

export function newId(label: string): string {
  const slug = foldName(label).replace(/ /g, "-").slice(0, 40).replace(/-+$/, "") || "x";
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${slug}-${tail}`;
}

/**
 * An id that says nothing about its record: a kind prefix and 80 random bits. New people, events, orders,
 * matters and sources get these, so an id shown anywhere reveals no name and no date.
 */
export function opaqueId(prefix: "p" | "ev" | "o" | "m" | "s" | "doc"): string {
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${prefix}-${tail}`;
}
