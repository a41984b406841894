// Lookups the hotline intake needs before it opens a case: people already on record with an A-number.
import type { Db } from "./db.ts";
import { findPeopleByANumber } from "./people.ts";

/**
 * Ids of people whose A-number has these digits, however it was typed ("A123-456-789", "123456789").
 * A-numbers are stored encrypted; the match goes through their keyed blind index.
 */
export async function findPeopleByANumberDigits(db: Db, digits: string): Promise<string[]> {
  if (!/^\d{8,9}$/.test(digits)) return [];
  return findPeopleByANumber(db, digits);
}
