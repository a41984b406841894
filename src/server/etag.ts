// Conditional reads of JSON: a weak ETag of exactly the body this viewer is sent, so a repeat read with
// If-None-Match gets 304 and no body. The tag is made from the answer, after the visibility check: an
// invisible record has answered 404 (as a missing one) before any tag exists, and a tag tells a viewer
// nothing their own body would not. Responses differ by viewer: private to the browser, revalidated each time.
import { createHash } from "node:crypto";
import type { Context } from "hono";

/** Whether an If-None-Match header names this tag (the weak comparison of RFC 9110). */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = tag.slice(2); // the weak comparison of RFC 9110: W/"x" and "x" match
  return header.split(",").some((t) => {
    const v = t.trim();
    return v === tag || v === bare || `W/${v}` === tag;
  });
}

/** `c.json(value)` with an ETag, or 304 Not Modified when the request already holds this body. */
// biome-ignore lint/suspicious/noExplicitAny: any route's context.
export function jsonWithEtag(c: Context<any, string, any>, value: unknown): Response {
  const body = JSON.stringify(value);
  const tag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  c.header("ETag", tag);
  c.header("Cache-Control", "private, no-cache");
  c.header("Vary", "Cookie");
  if (etagMatches(c.req.header("if-none-match"), tag)) return c.body(null, 304);
  return c.body(body, 200, { "Content-Type": "application/json" });
}
