// The one migration list, run on start-up and by `habeas db migrate`, on both engines.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { AppError } from "../../domain/errors.ts";
import type { DB } from "../schema.ts";
import * as m001 from "./001-case-record.ts";

const MIGRATIONS: Record<string, Migration> = {
  "001-case-record": m001,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new AppError(
      "STORE_UNAVAILABLE",
      `migration ${failed} failed: ${(error as Error).message ?? error}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
