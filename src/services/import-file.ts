// `habeas import` and the upload form: which importer a file is for, from its content — a habeas dataset,
// a court docket (juriscraper, CourtListener), detention-data CSV — and a one-line refusal for anything else.

import { open, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { badInput } from "../domain/errors.ts";
import type { Viewer } from "../domain/policy.ts";
import { DOCKET_SHAPES, readDocketJson } from "../ingest/dockets/index.ts";
import type { Database } from "../store/db.ts";
import {
  addToImportRun,
  finishImportRun,
  type ImportRun,
  listImportRuns,
  startImportRun,
} from "../store/population.ts";
import { authorize } from "./authorize.ts";
import { type ImportOptions, type ImportResult, importDetentionDataFile } from "./import-detention-data.ts";
import { type DocketImportResult, importDockets } from "./import-docket.ts";
import { DATASET_SHAPE, isDatasetShape, type LoadCounts, loadDataset, parseDataset } from "./load-dataset.ts";

export type FileImport =
  | ({ file: string; kind: "dataset" } & LoadCounts)
  | { file: string; kind: "docket"; dockets: DocketImportResult[] }
  | ({ file: string } & ImportResult);

const JSON_SHAPES = `${DATASET_SHAPE}, or ${DOCKET_SHAPES}`;

const looksLikeJson = (bytes: Uint8Array) => {
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return head.startsWith("{") || head.startsWith("[");
};

/** Imports JSON given as bytes (a file read from disk, or an upload): a dataset or dockets; refuses the rest. */
export async function importJsonBytes(
  db: Database,
  file: { name: string; bytes: Uint8Array },
  viewer: Viewer,
  hooks: { onStart?: (kind: "dataset" | "docket") => Promise<void> } = {},
): Promise<Exclude<FileImport, ImportResult & { file: string }>> {
  authorize(viewer, "write", "import");
  let json: unknown;
  try {
    json = JSON.parse(
      Buffer.from(file.bytes)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
    );
  } catch (e) {
    throw badInput(`${file.name} is not valid JSON: ${(e as Error).message}`);
  }
  if (isDatasetShape(json)) {
    await hooks.onStart?.("dataset");
    const counts = await loadDataset(db, parseDataset(json), viewer);
    return { file: file.name, kind: "dataset", ...counts };
  }
  const dockets = readDocketJson(json);
  if (dockets) await hooks.onStart?.("docket");
  if (dockets)
    return { file: file.name, kind: "docket", dockets: await importDockets(db, dockets, file, viewer) };
  throw badInput(`${file.name} is not a file habeas can import: expected ${JSON_SHAPES}`);
}

/** Imports one file from disk, whichever kind it is. */
export async function importFile(
  db: Database,
  path: string,
  viewer: Viewer,
  opts: ImportOptions = {},
): Promise<FileImport> {
  authorize(viewer, "write", "import");
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw badInput(`${path} is a folder, not a file`);
    size = s.size;
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") throw badInput(`file not found: ${path}`);
    throw e;
  }
  if (size === 0) throw badInput(`${path} is empty`);
  const head = Buffer.alloc(Math.min(size, 64));
  const fh = await open(path, "r");
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (looksLikeJson(head) || path.toLowerCase().endsWith(".json")) {
    const bytes = await readFile(path);
    // Refused files leave no run behind; a run is recorded once the content is known to be importable.
    let run: number | undefined;
    try {
      const r = await importJsonBytes(db, { name: basename(path), bytes }, viewer, {
        onStart: async (kind) => {
          run = await startImportRun(db, kind, path);
        },
      });
      if (run !== undefined) {
        await addToImportRun(
          db,
          run,
          r.kind === "docket" ? r.dockets.reduce((n, d) => n + d.entries, 0) : 1,
          0,
        );
        await finishImportRun(db, run, "done");
      }
      return r;
    } catch (e) {
      if (run !== undefined) await finishImportRun(db, run, "failed");
      throw e;
    }
  }
  return { ...(await importDetentionDataFile(db, path, opts)), file: path };
}

/** Recent import runs, newest first: running, done, failed, or interrupted (its process died midway). */
export async function importStatus(db: Database, viewer: Viewer, limit = 50): Promise<ImportRun[]> {
  authorize(viewer, "write", "import");
  return listImportRuns(db, { limit });
}
