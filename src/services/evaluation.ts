// What a full evaluation of everyone is made of, apart from how it evaluates: its batch size, the ranges of
// people it can be given, and its counts. services/jobs.ts reads these before it starts the threads that run
// services/findings.ts evaluateEveryone, without loading the rules and the reads that run in them
// (15–20 ms of the caller's start with the compile cache: docs/BENCHMARKS.md).
import type { Database } from "../store/db.ts";
import { type Engine, engineOf } from "../store/dialect.ts";

/**
 * How many people one batch of a full evaluation holds. Small, so what one batch holds dies young, in V8's
 * young generation, instead of surviving a scavenge or two and being promoted to be collected by full
 * collections: on SQLite 100 people (~1,000 events) took a two-worker evaluation of 100,000 people from
 * 5.4–5.7 s to 4.1–5.0 s and ~10.5 to ~8.3 s of CPU against 500 (a worker's full collections 40 → 11).
 * PostgreSQL pays a round trip per statement and was best at 500 while the rows pg's own result objects
 * gathered were promoted; since they are gathered young (store/db.ts collectRows), 200 beat 500, and since its
 * timeline statement no longer probes the citations for each event (migration 097) 100 beats 200: 5.46–6.47 s
 * against 6.56–7.32 s, 7.6–9.4 s of CPU against 9.5–11.0, in six rounds (150: 6.08–6.14 s; 50: 6.61–7.48 s).
 * docs/BENCHMARKS.md.
 */
const EVALUATION_BATCH = { sqlite: 100, postgres: 100 } as const satisfies Record<Engine, number>;

/** How many people a batch of a full evaluation holds on this store: `batch` if given, else its engine's. */
export function evaluationBatch(db: Database, batch?: number): number {
  return batch ?? EVALUATION_BATCH[engineOf(db)];
}

/** People with from < id ≤ to (either end open when left out). */
export type PeopleRange = { from?: string; to?: string };
/** What a full evaluation (or a part of one) did: people read, findings they have, and what changed. */
export type Evaluation = {
  people: number;
  findings: number;
  changes: { added: number; removed: number; changed: number };
};

/** Two parts of one evaluation as one. */
export function addEvaluations(a: Evaluation, b: Evaluation): Evaluation {
  return {
    people: a.people + b.people,
    findings: a.findings + b.findings,
    changes: {
      added: a.changes.added + b.changes.added,
      removed: a.changes.removed + b.changes.removed,
      changed: a.changes.changed + b.changes.changed,
    },
  };
}
