// The worker side of jobs.ts: opens its own connection to the store and runs one job, reports and exits; or,
// kept (jobs.ts keptJob), keeps its connection and runs each job it is sent, answering by the job's id.
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../domain/errors.ts";
import { openStore } from "../store/db.ts";
import { computeDashboard } from "./dashboard.ts";
import type { PeopleRange } from "./evaluation.ts";
import { evaluateEveryone } from "./findings.ts";
import type { JobMessage, JobRequest, Share } from "./jobs.ts";

type Db = Awaited<ReturnType<typeof openStore>>["db"];
const post = (m: JobMessage & { id?: number }) => parentPort?.postMessage(m);
const PROGRESS_MS = 200;

function failure(e: unknown): JobMessage {
  return {
    type: "error",
    code: isAppError(e) ? e.code : "INTERNAL",
    message: (e as Error).message ?? String(e),
  };
}

/** The next run of a shared record for this thread to evaluate, until none is left (jobs.ts Share). */
function claimFrom({ cuts, next }: Share): () => PeopleRange | undefined {
  const counter = new Int32Array(next);
  return () => {
    const i = Atomics.add(counter, 0, 1);
    return i <= cuts.length ? { from: cuts[i - 1], to: cuts[i] } : undefined;
  };
}

function run(db: Db, job: JobRequest["job"], options: JobRequest["options"], progress?: (n: number) => void) {
  return job === "dashboard"
    ? computeDashboard(db, { asOf: options.asOf })
    : evaluateEveryone(db, {
        asOf: options.asOf,
        asOfDay: options.asOfDay,
        batch: options.batch,
        range: options.range,
        claim: options.share && claimFrom(options.share),
        onProgress: progress,
      });
}

if ((workerData as { kept?: boolean }).kept) {
  const { target, keys } = workerData as Pick<JobRequest, "target" | "keys">;
  const opened = openStore(target, { migrate: false, keys });
  // One job at a time, in the order sent: a connection runs one statement at a time anyway.
  let queue: Promise<unknown> = Promise.resolve();
  parentPort?.on("message", (m: { id: number; job: JobRequest["job"]; options: JobRequest["options"] }) => {
    queue = queue.then(async () => {
      const store = await opened.catch((e: unknown) => {
        // A store this thread cannot open: it says why and ends, and the next job starts a new thread.
        post({ id: m.id, ...failure(e) });
        process.exit(1);
      });
      try {
        post({ id: m.id, type: "done", result: await run(store.db, m.job, m.options) });
      } catch (e) {
        post({ id: m.id, ...failure(e) });
      }
    });
  });
} else {
  const request = workerData as JobRequest;
  // Progress at most every PROGRESS_MS: a report for every batch (500 a worker in a two-worker evaluation of
  // 100,000 people) spent ~2% of each worker's time in postMessage and woke the caller's thread as often.
  let reported = 0;
  const progress = (done: number) => {
    const now = performance.now();
    if (now - reported < PROGRESS_MS) return;
    reported = now;
    post({ type: "progress", done });
  };
  try {
    const store = await openStore(request.target, { migrate: false, keys: request.keys });
    try {
      const result = await run(store.db, request.job, request.options, progress);
      post({ type: "done", result });
    } finally {
      await store.close();
    }
  } catch (e) {
    post(failure(e));
  }
}
