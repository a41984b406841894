// Recognizes docket JSON by its shape and reads it with the one reader for that format.
import {
  isCourtListenerDocket,
  isCourtListenerFixture,
  readCourtListenerDockets,
  readCourtListenerFixture,
} from "./courtlistener.ts";
import { isJuriscraperDocket, readJuriscraperDocket } from "./juriscraper.ts";
import type { ParsedDocket } from "./types.ts";

export { classifyEntry, isImmigrationMatter, isOrderClass } from "./classify.ts";
export { courtName } from "./courts.ts";
export type * from "./types.ts";

/** What a docket file may be, said in the one line a refused file gets. */
export const DOCKET_SHAPES =
  "a PACER docket parsed by juriscraper (court_id, docket_number, docket_entries), a CourtListener docket " +
  "(docket_number with docket_entries and their recap_documents) or CourtListener fixture JSON " +
  "([{model, pk, fields}] with a search.docket)";

/** The dockets in `json`, or undefined when it has none of the known docket shapes. */
export function readDocketJson(json: unknown): ParsedDocket[] | undefined {
  if (isJuriscraperDocket(json)) return [readJuriscraperDocket(json)];
  if (isCourtListenerDocket(json)) return readCourtListenerDockets(json);
  if (isCourtListenerFixture(json)) return readCourtListenerFixture(json);
  return undefined;
}
