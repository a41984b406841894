// A fresh store per test file, on the engine the run is for: SQLite by default, PostgreSQL when
// HABEAS_TEST_DATABASE_URL names a server (scripts/test.js starts a throwaway one).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type Store } from "../src/store/db.ts";

export const TEST_ENGINE = process.env.HABEAS_TEST_DATABASE_URL ? "postgres" : "sqlite";
let counter = 0;

export type TestStore = Store & {
  target: { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
};

export async function openTestStore(): Promise<TestStore> {
  const admin = process.env.HABEAS_TEST_DATABASE_URL;
  if (admin) {
    const name = `t_${process.pid}_${Date.now()}_${counter++}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = admin.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
    const target = { engine: "postgres" as const, url };
    // The encryption key lives apart from the database, as in production.
    const keyDir = mkdtempSync(join(tmpdir(), "habeas-key-"));
    const store = await openStore(target, { keys: { file: join(keyDir, "test.key") } });
    return {
      ...store,
      target,
      close: async () => {
        await store.close();
        rmSync(keyDir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "habeas-test-"));
  const target = { engine: "sqlite" as const, path: join(dir, "test.db") };
  // HABEAS_TEST_READERS=2 runs a suite with its reads on reader threads, as `habeas serve` does.
  const store = await openStore(target, { readers: Number(process.env.HABEAS_TEST_READERS ?? 0) });
  return {
    ...store,
    target,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
