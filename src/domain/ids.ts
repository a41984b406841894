// Readable, collision-resistant ids: a slug of the name plus a short random tail.
import { foldName } from "./names.ts";

export function newId(label: string): string {
  const slug = foldName(label).replace(/ /g, "-").slice(0, 40).replace(/-+$/, "") || "x";
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${slug}-${tail}`;
}
