// Attempts per client address, in memory: sign-in and family look-ups slow down a guesser working from one
// address before any account or case code locks. Addresses are kept only for the window, never stored.
export type RateLimit = { max: number; windowMs: number };

export type RateLimiter = {
  /** Counts an attempt; false when the address has used up its attempts for the window. */
  allow: (key: string) => boolean;
};

export function rateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const hits = new Map<string, { start: number; n: number }>();
  let lastSweep = now();
  return {
    allow(key) {
      const t = now();
      if (t - lastSweep > limit.windowMs) {
        for (const [k, v] of hits) if (t - v.start >= limit.windowMs) hits.delete(k);
        lastSweep = t;
      }
      const h = hits.get(key);
      if (!h || t - h.start >= limit.windowMs) {
        hits.set(key, { start: t, n: 1 });
        return true;
      }
      h.n++;
      return h.n <= limit.max;
    },
  };
}
