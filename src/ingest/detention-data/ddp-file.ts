// Reading a DDP file from disk: in this thread, or — for a large file — parsed in a worker thread while this one
// writes what was parsed (on SQLite the writes hold this thread; on PostgreSQL the importer parses in its own
// thread, which would otherwise wait on the server: services/import-detention-data.ts).
import { createReadStream } from "node:fs";
import { Worker } from "node:worker_threads";
import { AppError, ERROR_CODES, type ErrorCode } from "../../domain/errors.ts";
import { type DdpItem, parseDdpBatches } from "./ddp.ts";
import { type DdpChunk, itemsOf } from "./ddp-chunk.ts";

const WORKER = new URL("./ddp-worker.ts", import.meta.url);
/** A file this large is parsed in a worker thread (starting one costs ~0.1 s; parsing 8 MB ~0.5 s). */
const WORKER_FROM_BYTES = 8 * 1024 * 1024;
const CHUNK_ITEMS = 5_000;
/** Chunks the worker may parse ahead of the importer: memory stays bounded whatever the file's size. */
const AHEAD = 3;

export type DdpFileReader = {
  /** The items in file order, a chunk at a time (a few thousand: no await per row). */
  batches: AsyncGenerator<DdpItem[]>;
  /** Bytes of the file parsed so far (for progress). */
  bytesRead: () => number;
};

type Message =
  | { type: "chunk"; chunk: DdpChunk }
  | { type: "done" }
  | { type: "error"; code: string; message: string };

/**
 * The items of a DDP file (ddp.ts parseDdpBatches), parsed in a worker thread when `worker` says so (by default when
 * the file is at least WORKER_FROM_BYTES). Either way the same items in the same order, and the same errors.
 */
export function readDdpFile(
  path: string,
  opts: { size: number; worker?: boolean; maxRecordBytes?: number },
): DdpFileReader {
  if (!(opts.worker ?? opts.size >= WORKER_FROM_BYTES)) {
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    return { batches: inBatches(parseDdpBatches(stream, opts)), bytesRead: () => stream.bytesRead };
  }
  let bytes = 0;
  return { batches: fromWorker(path, opts.maxRecordBytes, (b) => (bytes = b)), bytesRead: () => bytes };
}

/** The parser's batches (one piece of the file each) joined or cut into batches of CHUNK_ITEMS. */
async function* inBatches(pieces: AsyncGenerator<DdpItem[]>): AsyncGenerator<DdpItem[]> {
  let batch: DdpItem[] = [];
  try {
    for await (const items of pieces)
      for (const item of items) {
        batch.push(item);
        if (batch.length >= CHUNK_ITEMS) {
          yield batch;
          batch = [];
        }
      }
    if (batch.length) yield batch;
  } finally {
    await pieces.return(undefined);
  }
}

async function* fromWorker(
  path: string,
  maxRecordBytes: number | undefined,
  onBytes: (bytes: number) => void,
): AsyncGenerator<DdpItem[]> {
  const worker = new Worker(WORKER, {
    workerData: { path, maxRecordBytes, chunkItems: CHUNK_ITEMS, ahead: AHEAD },
    // What the thread holds at once is small (a chunk's rows are at most ~2 MB: names are capped at 300
    // characters), but V8's default heap let it reserve ~150 MB of garbage between collections. A 4 MB young
    // generation cost ~1 s of collections over the 888,699-row file (1.0–1.3 of the thread's 2.3 s, CPU the
    // PostgreSQL server on the same cores needed); 16 MB halves that (0.46–0.55 s) with the same peak RSS.
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 },
  });
  const inbox: Message[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on("message", (m: Message) => {
    inbox.push(m);
    wake?.();
  });
  worker.on("error", (e) => {
    failure = e;
    wake?.();
  });
  worker.on("exit", () => {
    failure ??= new AppError("INTERNAL", "the DDP parsing thread stopped before the end of the file");
    wake?.();
  });
  try {
    for (;;) {
      while (!inbox.length && !failure) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift();
      if (!m) throw failure;
      if (m.type === "error") {
        const code = (ERROR_CODES as readonly string[]).includes(m.code) ? (m.code as ErrorCode) : "INTERNAL";
        throw new AppError(code, m.message);
      }
      if (m.type === "done") return;
      // Taken: the worker may parse one more chunk ahead while this one is written.
      worker.postMessage("more");
      onBytes(m.chunk.bytes);
      yield itemsOf(m.chunk);
    }
  } finally {
    await worker.terminate();
  }
}
