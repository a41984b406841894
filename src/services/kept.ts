// Answers computed "as of now" for one viewer, served again while nothing was committed to the store and
// for a short while: the deadlines list a page at a time, the workspace's ignored orders. The one place that
// decides when such an answer is stale.
import type { Viewer } from "../domain/policy.ts";
import type { Db } from "../store/db.ts";
import { storeVersion } from "../store/dialect.ts";

type Entry<T> = { version: string; at: number; value: Promise<T> };

/** The part of a key that says whose answer it is: everything visibility is decided by. */
export const viewerKey = (v: Viewer) => [v.role, v.team ?? null, v.userId ?? null];

/**
 * A store of answers, at most `size` a store (the least recently computed dropped first), each served again for
 * at most `ms` and only while the store's version (store/dialect.ts storeVersion: any commit, by any process)
 * is the one read before it was computed. A failed computation is not kept.
 */
export function keptAnswers<T>(opts: { ms: number; size: number }) {
  const kept = new WeakMap<object, Map<string, Entry<T>>>();
  return {
    async get(db: Db, key: readonly unknown[], compute: (asOf: string) => Promise<T>): Promise<T> {
      const k = JSON.stringify(key);
      const version = await storeVersion(db);
      const now = Date.now();
      const entries = kept.get(db) ?? new Map<string, Entry<T>>();
      kept.set(db, entries);
      const hit = entries.get(k);
      if (hit && hit.version === version && now - hit.at < opts.ms) return hit.value;
      const value = compute(new Date(now).toISOString());
      entries.delete(k);
      entries.set(k, { version, at: now, value });
      value.catch(() => {
        if (entries.get(k)?.value === value) entries.delete(k);
      });
      for (const old of entries.keys()) if (entries.size > opts.size) entries.delete(old);
      return value;
    },
    /** Forgets this store's answers (a benchmark times the computation itself). */
    forget(db: Db): void {
      kept.delete(db);
    },
  };
}
