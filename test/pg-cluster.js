// Starts a throwaway PostgreSQL cluster (initdb into a temp dir, 127.0.0.1 only) and stops it by PID.
// Used by scripts/test.js and the benchmarks; plain JS so it runs before anything is compiled.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Directory holding initdb/pg_ctl, or undefined when PostgreSQL server binaries are absent. */
export function findPgBin() {
  const fromPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  const dirs = [];
  if (existsSync("/usr/lib/postgresql")) {
    for (const v of readdirSync("/usr/lib/postgresql").sort().reverse())
      dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const d of dirs) if (existsSync(join(d, "initdb")) && existsSync(join(d, "postgres"))) return d;
  if (fromPath) return fromPath.replace(/\/initdb$/, "");
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: run its binaries as the `postgres` user then. */
function asPgUser(args) {
  if (process.getuid?.() !== 0) return args;
  return ["runuser", "-u", "postgres", "--", ...args];
}

/**
 * Starts a cluster in a new temporary folder, removed when it stops; or, given `keepIn`, in that folder,
 * created on first use and kept (with its databases) for the next start — the benchmarks keep their
 * PostgreSQL copy of the national dataset that way.
 */
export async function startCluster({ keepIn } = {}) {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL server binaries (initdb) not found");
  if (keepIn) mkdirSync(keepIn, { recursive: true });
  const dir = keepIn ?? mkdtempSync(join(tmpdir(), "habeas-pg-"));
  const data = join(dir, "data");
  const fresh = !existsSync(join(data, "PG_VERSION"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (args) => {
    const full = asPgUser(args);
    const r = spawnSync(full[0], full.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr || r.stdout}`);
  };
  if (fresh) {
    rmSync(data, { recursive: true, force: true });
    run([
      join(bin, "initdb"),
      "-D",
      data,
      "-U",
      "habeas",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "-N",
    ]);
  }
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
  run([join(bin, "pg_ctl"), "-D", data, "-l", join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"]);
  const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const url = `postgres://habeas@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    pid,
    stop() {
      try {
        process.kill(pid, "SIGINT"); // fast shutdown
      } catch {}
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        spawnSync("sleep", ["0.1"]);
      }
      if (!keepIn) rmSync(dir, { recursive: true, force: true });
    },
  };
}
