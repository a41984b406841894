// The store as the adapters see it: open the configured one, and the handle type they pass around.
import type { Kysely } from "kysely";
import type { DB } from "../store/schema.ts";

export { openStore, type Store, type StoreTarget } from "../store/db.ts";
export type Database = Kysely<DB>;
