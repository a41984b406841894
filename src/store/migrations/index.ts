// The one migration list, run on start-up and by `habeas db migrate`, on both engines.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { AppError } from "../../domain/errors.ts";
import type { DB } from "../schema.ts";
import * as m001 from "./001-case-record.ts";
import * as m002 from "./002-security.ts";
import * as m005 from "./005-findings.ts";
import * as m006 from "./006-evidence.ts";
import * as m007d from "./007-finding-digests.ts";
import * as m007 from "./007-scale.ts";
import * as m007t from "./007-trigram-counts.ts";
import * as m008 from "./008-pg-name-trigrams.ts";
import * as m030 from "./030-facility-registry.ts";
import * as m040 from "./040-dockets.ts";
import * as m041 from "./041-attachments.ts";
import * as m050 from "./050-deadlines.ts";
import * as m051 from "./051-trash.ts";
import * as m070 from "./070-key-checks.ts";

const MIGRATIONS: Record<string, Migration> = {
  "001-case-record": m001,
  "002-security": m002,
  "005-findings": m005,
  "006-evidence": m006,
  "007-finding-digests": m007d,
  "007-scale": m007,
  "007-trigram-counts": m007t,
  "008-pg-name-trigrams": m008,
  "030-facility-registry": m030,
  "050-deadlines": m050,
  "051-trash": m051,
  "070-key-checks": m070,
  "040-dockets": m040,
  "041-attachments": m041,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Features add migrations in parallel; their order among themselves does not matter.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
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
