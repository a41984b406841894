// The worker side of jobs.ts: opens its own connection to the store, runs one job, reports, exits.
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../domain/errors.ts";
import { openStore } from "../store/db.ts";
import { computeDashboard } from "./dashboard.ts";
import { evaluateEveryone } from "./findings.ts";
import type { JobMessage, JobRequest } from "./jobs.ts";

const request = workerData as JobRequest;
const post = (m: JobMessage) => parentPort?.postMessage(m);

try {
  const store = await openStore(request.target, { migrate: false, keys: request.keys });
  try {
    const result =
      request.job === "dashboard"
        ? await computeDashboard(store.db, { asOf: request.options.asOf })
        : await evaluateEveryone(store.db, {
            asOf: request.options.asOf,
            asOfDay: request.options.asOfDay,
            batch: request.options.batch,
            range: request.options.range,
            onProgress: (done) => post({ type: "progress", done }),
          });
    post({ type: "done", result });
  } finally {
    await store.close();
  }
} catch (e) {
  post({
    type: "error",
    code: isAppError(e) ? e.code : "INTERNAL",
    message: (e as Error).message ?? String(e),
  });
}
