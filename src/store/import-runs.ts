// Import runs left "running" by a process that is gone: marked interrupted when the store opens.
import { hostname } from "node:os";
import type { Db } from "./db.ts";

/** Is the process that started a run still alive? Only answerable for runs started on this host. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Marks as interrupted every run still "running" whose process is gone: started on this host by a process
 * that no longer exists, or (older runs) recorded without a process. Runs of other hosts are left alone,
 * since they may be live. Returns how many were marked.
 */
export async function markInterruptedRuns(db: Db): Promise<number> {
  const host = hostname();
  const running = await db
    .selectFrom("import_runs")
    .select(["id", "pid", "host"])
    .where("status", "=", "running")
    .execute();
  const dead = running
    .filter(
      (r) => r.pid === null || (r.host === host && r.pid !== process.pid && !processAlive(Number(r.pid))),
    )
    .map((r) => Number(r.id));
  if (!dead.length) return 0;
  await db
    .updateTable("import_runs")
    .set({ status: "interrupted", note: "the import stopped before it finished (its process is gone)" })
    .where("id", "in", dead)
    .where("status", "=", "running")
    .execute();
  return dead.length;
}
