// The public demo dataset: documented 2025 cases, loaded by `habeas init --demo` and on first start.

import { fileURLToPath } from "node:url";
import type { Database } from "../store/db.ts";
import { countPeople } from "../store/people.ts";
import { type LoadCounts, loadDataset, readDatasetFile } from "./load-dataset.ts";

export const DEMO_DATASET_PATH = fileURLToPath(new URL("../../data/demo/dataset.json", import.meta.url));

export async function loadDemo(db: Database): Promise<LoadCounts> {
  return loadDataset(db, await readDatasetFile(DEMO_DATASET_PATH));
}

/** Loads the demo only into an empty store, so `npm start` never touches real records. */
export async function loadDemoIfEmpty(db: Database): Promise<LoadCounts | undefined> {
  if ((await countPeople(db)) > 0) return undefined;
  return loadDemo(db);
}
