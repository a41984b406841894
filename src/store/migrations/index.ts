// The one migration list, run on start-up and by `habeas db migrate`, on both engines: unique names in
// the order they run, each file self-contained (no live store code; data steps needing it run in db.ts).

import { type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { AppError } from "../../domain/errors.ts";
import type { Database } from "../db.ts";

/** Once it has run, openStore rebuilds the PostgreSQL name postings with the live code. */
export const PG_NAME_TRIGRAMS = "013-pg-name-trigrams";

/**
 * Every migration by name, each loaded only when the migrator runs: a store that is up to date (every
 * command but the first after an upgrade) reads the names alone, not twenty modules.
 */
const MIGRATIONS: Record<string, () => Promise<Migration>> = {
  "001-case-record": () => import("./001-case-record.ts"),
  "002-security": () => import("./002-security.ts"),
  "005-findings": () => import("./005-findings.ts"),
  "006-evidence": () => import("./006-evidence.ts"),
  "007-finding-digests": () => import("./007-finding-digests.ts"),
  "011-scale": () => import("./011-scale.ts"),
  "012-trigram-counts": () => import("./012-trigram-counts.ts"),
  [PG_NAME_TRIGRAMS]: () => import("./013-pg-name-trigrams.ts"),
  "014-uncertain-dates": () => import("./014-uncertain-dates.ts"),
  "020-proposal-created": () => import("./020-proposal-created.ts"),
  "030-facility-registry": () => import("./030-facility-registry.ts"),
  "040-dockets": () => import("./040-dockets.ts"),
  "041-attachments": () => import("./041-attachments.ts"),
  "050-deadlines": () => import("./050-deadlines.ts"),
  "051-trash": () => import("./051-trash.ts"),
  "060-exact-name-index": () => import("./060-exact-name-index.ts"),
  "070-key-checks": () => import("./070-key-checks.ts"),
  "080-finding-sets": () => import("./080-finding-sets.ts"),
  "090-name-words": () => import("./090-name-words.ts"),
  "091-citations-by-source-kind": () => import("./091-citations-by-source-kind.ts"),
  "092-events-by-person-covering": () => import("./092-events-by-person-covering.ts"),
  "093-public-people-covering": () => import("./093-public-people-covering.ts"),
  "094-events-by-person-with-precision": () => import("./094-events-by-person-with-precision.ts"),
  "095-people-list-order": () => import("./095-people-list-order.ts"),
  "096-people-recently-changed": () => import("./096-people-recently-changed.ts"),
  "097-events-cited": () => import("./097-events-cited.ts"),
  "098-public-person-figures": () => import("./098-public-person-figures.ts"),
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

const provider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      await Promise.all(Object.entries(MIGRATIONS).map(async ([n, load]) => [n, await load()])),
    ),
};

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
