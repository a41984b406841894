// The one migration list, run on start-up and by `habeas db migrate`, on both engines: unique names in
// the order they run, each file self-contained (no live store code; data steps needing it run in db.ts).

import { type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { AppError } from "../../domain/errors.ts";
import type { Database } from "../db.ts";
import * as m001 from "./001-case-record.ts";
import * as m002 from "./002-security.ts";
import * as m005 from "./005-findings.ts";
import * as m006 from "./006-evidence.ts";
import * as m007 from "./007-finding-digests.ts";
import * as m011 from "./011-scale.ts";
import * as m012 from "./012-trigram-counts.ts";
import * as m013 from "./013-pg-name-trigrams.ts";
import * as m014 from "./014-uncertain-dates.ts";
import * as m020 from "./020-proposal-created.ts";
import * as m030 from "./030-facility-registry.ts";
import * as m040 from "./040-dockets.ts";
import * as m041 from "./041-attachments.ts";
import * as m050 from "./050-deadlines.ts";
import * as m051 from "./051-trash.ts";
import * as m060 from "./060-exact-name-index.ts";
import * as m070 from "./070-key-checks.ts";
import * as m080 from "./080-finding-sets.ts";
import * as m090 from "./090-name-words.ts";
import * as m091 from "./091-citations-by-source-kind.ts";
import * as m092 from "./092-events-by-person-covering.ts";

/** Once it has run, openStore rebuilds the PostgreSQL name postings with the live code. */
export const PG_NAME_TRIGRAMS = "013-pg-name-trigrams";

const MIGRATIONS: Record<string, Migration> = {
  "001-case-record": m001,
  "002-security": m002,
  "005-findings": m005,
  "006-evidence": m006,
  "007-finding-digests": m007,
  "011-scale": m011,
  "012-trigram-counts": m012,
  [PG_NAME_TRIGRAMS]: m013,
  "014-uncertain-dates": m014,
  "020-proposal-created": m020,
  "030-facility-registry": m030,
  "040-dockets": m040,
  "041-attachments": m041,
  "050-deadlines": m050,
  "051-trash": m051,
  "060-exact-name-index": m060,
  "070-key-checks": m070,
  "080-finding-sets": m080,
  "090-name-words": m090,
  "091-citations-by-source-kind": m091,
  "092-events-by-person-covering": m092,
};

/**
 * Names migrations ran under before they were made unique (three began with 007). Stores migrated then
 * recorded these in kysely_migration; they are renamed there before the migrator runs, so nothing runs twice.
 */
export const LEGACY_NAMES: Readonly<Record<string, string>> = {
  "007-scale": "011-scale",
  "007-trigram-counts": "012-trigram-counts",
  "008-pg-name-trigrams": PG_NAME_TRIGRAMS,
};

async function isCurrent(db: Database): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    const ran = new Set(rows.map((r) => r.name));
    return Object.keys(MIGRATIONS).every((name) => ran.has(name));
  } catch {
    return false; // no migration table yet: a new store
  }
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

async function renameLegacyMigrations(db: Database): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return;
  await db.transaction().execute(async (tx) => {
    for (const [old, name] of Object.entries(LEGACY_NAMES))
      await sql`UPDATE kysely_migration SET name = ${name} WHERE name = ${old}`.execute(tx);
  });
}

export async function migrateToLatest(db: Database): Promise<string[]> {
  // A store that has run every migration is left alone with one read: the migrator's own check takes a lock
  // in a write transaction, which every command would pay for.
  if (await isCurrent(db)) return [];
  await renameLegacyMigrations(db);
  // Features developed in parallel add migrations in their own number ranges; a store migrated on one
  // branch may have run a later number before an earlier one lands, and that order does not matter.
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
