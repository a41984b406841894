// Family case codes: a code (stored as its SHA-256) and an argon2id passphrase hash, per person.
import type { Db } from "./db.ts";
import type { FamilyCodesTable } from "./schema.ts";

export async function insertFamilyCode(db: Db, row: FamilyCodesTable): Promise<void> {
  await db.insertInto("family_codes").values(row).execute();
}

export async function findFamilyCode(db: Db, codeHash: string): Promise<FamilyCodesTable | undefined> {
  return db.selectFrom("family_codes").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
}

export async function markFamilyCodeUsed(db: Db, codeHash: string, at: string): Promise<void> {
  await db.updateTable("family_codes").set({ last_used_at: at }).where("code_hash", "=", codeHash).execute();
}

/** Revokes every live code of a person (a new code replaces them); returns how many. */
export async function revokeFamilyCodes(db: Db, personId: string, at: string): Promise<number> {
  const r = await db
    .updateTable("family_codes")
    .set({ revoked_at: at })
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}
