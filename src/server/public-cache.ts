// Answers to the public, kept while the store is unchanged. Every anonymous visitor is sent the same public
// projection of a record, so a repeat read of a route declared `cache: "public"` costs one version check and a
// lookup, not the route's queries, projection and serialization. An answer is kept only while the store's
// version (store/dialect.ts storeVersion: any commit, by this process or another, changes it) is the one it
// was read under, and at most a minute (an answer may say how long ago something was).
import type { Context } from "hono";
import { LRUCache } from "lru-cache";
import { type Database, storeVersion } from "../services/store.ts";
import { etagMatches } from "./etag.ts";

type Entry = { version: string; status: number; body: string; headers: [string, string][] };

export type PublicCache = {
  /** The route's answer for an anonymous GET: from the cache when still valid, else from `answer` (kept). */
  serve: (c: Context, answer: () => Promise<Response>) => Promise<Response>;
  /** Answers served from the cache and answers computed, since the server started. */
  stats: () => { hits: number; misses: number };
};

export function publicCache(db: Database, opts: { maxBytes?: number; ttlMs?: number } = {}): PublicCache {
  const cache = new LRUCache<string, Entry>({
    maxSize: opts.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length * 2 + 256,
    ttl: opts.ttlMs ?? 60_000,
  });
  let hits = 0;
  let misses = 0;
  // Concurrent requests share version checks, and none is stale: a request waits for a check that began
  // after it arrived (the one in flight, if any, began before). On PostgreSQL a check is a round trip.
  let current: Promise<string> | undefined;
  let next: Promise<string> | undefined;
  const version = (): Promise<string> => {
    if (!current) {
      current = storeVersion(db).finally(() => {
        current = undefined;
      });
      return current;
    }
    const after = () => {
      next = undefined;
      return version();
    };
    next ??= current.then(after, after);
    return next;
  };
  return {
    stats: () => ({ hits, misses }),
    async serve(c, answer) {
      const now = await version();
      const key = c.req.url;
      const hit = cache.get(key);
      if (hit && hit.version === now) {
        hits++;
        const tag = hit.headers.find(([k]) => k === "etag")?.[1];
        const fresh = tag !== undefined && etagMatches(c.req.header("if-none-match"), tag);
        return fresh
          ? c.body(null, 304, Object.fromEntries(hit.headers.filter(([k]) => k !== "content-type")))
          : c.body(hit.body, hit.status as 200, Object.fromEntries(hit.headers));
      }
      misses++;
      const res = await answer();
      if (res.status === 200) {
        const body = await res.clone().text();
        cache.set(key, { version: now, status: res.status, body, headers: [...res.headers] });
      }
      return res;
    },
  };
}
