// Heavy jobs off the event loop: each runs in a worker thread that opens its own store connection, so a
// server keeps answering while, say, everyone's findings are re-evaluated.

import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { type ResourceLimits, Worker, type WorkerOptions } from "node:worker_threads";
import { AppError, ERROR_CODES, type ErrorCode } from "../domain/errors.ts";
import { isInMemory, openStore, type StoreTarget } from "../store/db.ts";
import type { KeyConfig } from "../store/keys.ts";
import { peopleCuts } from "../store/people.ts";
import { addEvaluations, type Evaluation, evaluationBatch, type PeopleRange } from "./evaluation.ts";
import type { CheckOptions } from "./findings.ts";

export type JobName = "evaluate-everyone" | "dashboard";
export type JobRequest = {
  job: JobName;
  target: StoreTarget;
  /** The keys of the store the caller has open, so the worker reads sealed fields alike. */
  keys?: KeyConfig;
  options: Pick<CheckOptions, "asOf" | "asOfDay"> & {
    batch?: number;
    /** A record shared out among threads (evaluateEveryoneInWorker), or one range of it; else all of it. */
    share?: Share;
    range?: PeopleRange;
  };
};
/**
 * A record cut into runs of people (`cuts`: the last id of each run but the last), taken in turn by the
 * threads evaluating it: `next` holds the index of the next run to take, one counter all the threads see.
 */
export type Share = { cuts: string[]; next: SharedArrayBuffer };
export type JobMessage =
  | { type: "progress"; done: number }
  | { type: "done"; result: unknown }
  | { type: "error"; code: string; message: string };

const WORKER = new URL("./jobs-worker.ts", import.meta.url);

/**
 * V8 heap limits of a job's thread. A full evaluation allocates a batch's worth of short-lived objects at a
 * time (100 people on either engine: evaluation.ts EVALUATION_BATCH): with a young generation
 * that holds a batch (48 MB, about --max-semi-space-size=16) they die there instead of being promoted, and a
 * capped old generation is collected before it grows. Measured with batches of 500: V8's defaults cost more
 * CPU and held 545 MB for two workers; 24 MB held ~305 MB but took 9.5 s over 100,000 people where 48 MB took
 * 8.4 s at ~350 MB (64 MB: ~450 MB). With batches of 100, 24 MB took 5.7–6.4 s where 48 MB takes 4.3–4.7 and
 * 96 MB 4.3–4.6 at ~440 MB (docs/BENCHMARKS.md).
 * The old generation's cap is 1 GB: below that V8 grows it in smaller steps and collects it far more often,
 * which on PostgreSQL's path (its driver's buffers) cost ~12% of the evaluation's CPU — two workers took
 * 8.4–9.5 s capped at 192 MB (and 8.6–9.0 at 512) against 7.8–8.5 s at 1 GB, in turn on one dataset, peak
 * RSS ~290 → ~303 MB; SQLite's figures did not move (4.2–4.7 s, ~350 → ~360 MB). Left uncapped it took less
 * still but held 430–480 MB. A batch that outgrows the cap stops the job with an error; nothing is
 * half-written (each batch commits whole).
 */
const LIMITS: Record<JobName, ResourceLimits> = {
  "evaluate-everyone": { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 1024 },
  dashboard: { maxYoungGenerationSizeMb: 24 },
};

/**
 * V8's allocation-site pretenuring off, for the whole process, once a full evaluation starts (V8 reads that
 * flag as it goes, for every thread). When a collection happens to catch a batch's rows alive, V8 may decide
 * that what their allocation sites make lives long and make it in the old generation from then on: that
 * thread then collected its old generation every ~250 ms to the end of the run. It happened to one of the two
 * PostgreSQL workers in 3 of 6 runs over 100,000 people (16–21 full collections against 1–3, 176 MB promoted
 * against 6, ~1.5 s more of the collector's CPU: runs of 5.2–5.3 s against 4.6–4.9), and in none of 12 runs
 * with it off (4.5–4.8 s; docs/BENCHMARKS.md). A batch's objects die with the batch: none is worth making old.
 */
const NO_PRETENURING = "--no-allocation-site-pretenuring";

/**
 * Evaluation threads whose V8 isolate is still being made: until each is running, the process's flags say
 * "compile optimized code on the thread that runs it" (V8 decides that per isolate as it makes one, so the
 * server's own thread, made before, keeps compiling in the background and never stalls on a compilation).
 * A full evaluation keeps every core busy: V8's background compilations then waited for a core while the
 * code ran unoptimized, and ~17% of the evaluation's CPU went to compiling. Two workers on PostgreSQL over
 * 100,000 people, six runs in turn: 4.17–4.36 s (median 4.27) → 3.92–4.15 (median 4.05) (docs/BENCHMARKS.md).
 */
let evaluationsStarting = 0;

/** A job's thread (runJob's and keptJob's); a full evaluation's made as the two notes above say. */
function startWorker(request: JobRequest, options: WorkerOptions): Worker {
  if (request.job !== "evaluate-everyone") return new Worker(WORKER, options);
  setFlagsFromString(NO_PRETENURING);
  if (evaluationsStarting++ === 0) setFlagsFromString("--no-concurrent-recompilation");
  const worker = new Worker(WORKER, options);
  let started = false;
  const running = () => {
    if (started) return;
    started = true;
    if (--evaluationsStarting === 0) setFlagsFromString("--concurrent-recompilation");
  };
  worker.once("online", running);
  worker.once("exit", running);
  return worker;
}

/** Whether a worker thread can open this store itself (an in-memory database cannot be shared). */
export function canRunInWorker(target: StoreTarget): boolean {
  return !isInMemory(target);
}

/**
 * Runs a job in a worker thread and resolves with its result (what the job returns, structured-cloned:
 * `T` is the caller's word for it); progress arrives as the worker reports it.
 */
export function runJob<T = Evaluation>(request: JobRequest, onProgress?: (done: number) => void): Promise<T> {
  if (!canRunInWorker(request.target))
    throw new AppError("BAD_INPUT", "an in-memory database cannot be shared with a worker thread");
  return new Promise((resolve, reject) => {
    const worker = startWorker(request, { workerData: request, resourceLimits: LIMITS[request.job] });
    let settled = false;
    worker.on("message", (m: JobMessage) => {
      if (m.type === "progress") onProgress?.(m.done);
      else if (m.type === "done") {
        settled = true;
        resolve(m.result as T);
      } else {
        settled = true;
        const code = (ERROR_CODES as readonly string[]).includes(m.code) ? (m.code as ErrorCode) : "INTERNAL";
        reject(new AppError(code, m.message));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(new AppError("INTERNAL", `${request.job} failed: ${e.message}`));
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new AppError("INTERNAL", `${request.job} stopped (exit code ${code})`));
    });
  });
}

type Waiting = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type KeptWorker = { worker: Worker; next: number; waiting: Map<number, Waiting> };
/** One kept thread per store (target and keys), for jobs asked for again and again (keptJob). */
const keptWorkers = new Map<string, KeptWorker>();

/**
 * Runs a job in a thread kept for this store, started the first time and reused after: a job asked for again
 * and again (the dashboard, after every write) then waits for the job alone, not for a thread to start and
 * its code to load (~150 ms of the ~200 a recomputation took). The thread holds its own connection; idle, it
 * keeps no process alive (a job running does), and a thread that fails is replaced on the next job.
 */
export function keptJob<T>(request: JobRequest): Promise<T> {
  if (!canRunInWorker(request.target))
    throw new AppError("BAD_INPUT", "an in-memory database cannot be shared with a worker thread");
  const key = JSON.stringify([request.target, request.keys ?? null]);
  let kept = keptWorkers.get(key);
  if (!kept) {
    const worker = startWorker(request, {
      workerData: { kept: true, target: request.target, keys: request.keys },
      resourceLimits: LIMITS[request.job],
    });
    const k: KeptWorker = { worker, next: 0, waiting: new Map() };
    const fail = (e: AppError) => {
      if (keptWorkers.get(key) === k) keptWorkers.delete(key);
      for (const w of k.waiting.values()) w.reject(e);
      k.waiting.clear();
    };
    worker.on("message", (m: JobMessage & { id: number }) => {
      const w = k.waiting.get(m.id);
      if (!w || m.type === "progress") return;
      k.waiting.delete(m.id);
      // Idle, the thread keeps no process alive; while a job runs it does (see below).
      if (!k.waiting.size) worker.unref();
      if (m.type === "done") w.resolve(m.result);
      else {
        const code = (ERROR_CODES as readonly string[]).includes(m.code) ? (m.code as ErrorCode) : "INTERNAL";
        w.reject(new AppError(code, m.message));
      }
    });
    worker.on("error", (e) => fail(new AppError("INTERNAL", `${request.job} failed: ${e.message}`)));
    worker.on("exit", (code) => fail(new AppError("INTERNAL", `${request.job} stopped (exit code ${code})`)));
    // After its listeners: adding a message listener refs the thread's port again.
    worker.unref();
    keptWorkers.set(key, k);
    kept = k;
  }
  const k = kept;
  const id = k.next++;
  return new Promise<T>((resolve, reject) => {
    k.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    k.worker.ref();
    k.worker.postMessage({ id, job: request.job, options: request.options });
  });
}

/** Stops the threads keptJob keeps (a server shutting down, tests). */
export async function stopKeptJobs(): Promise<void> {
  const all = [...keptWorkers.values()];
  keptWorkers.clear();
  await Promise.all(all.map((k) => k.worker.terminate()));
}

/**
 * Full evaluation of everyone off the event loop, in `workers` threads (default: one per core but one, at
 * most 4), each with its own connection; the evaluation is pure CPU between reads, so two cores nearly halve
 * it. The people are cut into runs of one batch each, and each thread takes the next run whenever it is free:
 * the threads end together however unevenly the record or the machine spreads the work (cut in halves
 * beforehand, on PostgreSQL the two threads ended 0.0–0.7 s apart, median 0.19 s). Results are summed.
 */
export async function evaluateEveryoneInWorker(
  target: StoreTarget,
  options: Omit<JobRequest["options"], "share" | "range"> = {},
  extra: { keys?: KeyConfig; workers?: number; onProgress?: (done: number) => void } = {},
): Promise<Evaluation> {
  // By default one core is left to the server that may be running beside the job.
  const workers = Math.max(1, Math.min(extra.workers ?? availableParallelism() - 1, 4));
  if (!canRunInWorker(target))
    throw new AppError("BAD_INPUT", "an in-memory database cannot be shared with a worker thread");
  let share: Share | undefined;
  if (workers > 1) {
    const store = await openStore(target, { migrate: false, keys: extra.keys });
    try {
      share = {
        cuts: await peopleCuts(store.db, evaluationBatch(store.db, options.batch)),
        next: new SharedArrayBuffer(4),
      };
    } finally {
      await store.close();
    }
  }
  const done = new Array<number>(workers).fill(0);
  const parts = await Promise.all(
    done.map((_, i) =>
      runJob({ job: "evaluate-everyone", target, keys: extra.keys, options: { ...options, share } }, (n) => {
        done[i] = n;
        extra.onProgress?.(done.reduce((a, b) => a + b, 0));
      }),
    ),
  );
  return parts.reduce(addEvaluations);
}
