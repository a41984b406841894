// The store as the adapters see it: open the configured one, and the handle type they pass around.
export { type Database, openStore, type Store, type StoreTarget } from "../store/db.ts";
export { storeVersion } from "../store/dialect.ts";
