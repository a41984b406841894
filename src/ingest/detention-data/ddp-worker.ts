// The thread of ddp-file.ts readDdpFile: parses a DDP file with parseDdpBatches and posts its items to the importer
// in chunks, column by column (cheaper to pass between threads than an object per row), at most a few chunks
// ahead of what the importer has taken.
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../domain/errors.ts";
import { parseDdpBatches } from "./ddp.ts";
import { ChunkBuilder } from "./ddp-chunk.ts";

const { path, maxRecordBytes, chunkItems, ahead } = workerData as {
  path: string;
  maxRecordBytes?: number;
  chunkItems: number;
  ahead: number;
};

let credits = ahead;
let wake: (() => void) | undefined;
parentPort?.on("message", () => {
  credits++;
  wake?.();
});

async function post(builder: ChunkBuilder, bytes: number) {
  const { chunk, transfer } = builder.build(bytes);
  while (credits <= 0) await new Promise<void>((r) => (wake = r));
  credits--;
  parentPort?.postMessage({ type: "chunk", chunk }, transfer);
}

const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
try {
  let chunk = new ChunkBuilder();
  for await (const items of parseDdpBatches(stream, { maxRecordBytes }))
    for (const item of items) {
      chunk.push(item);
      if (chunk.size >= chunkItems) {
        await post(chunk, stream.bytesRead);
        chunk = new ChunkBuilder();
      }
    }
  await post(chunk, stream.bytesRead);
  parentPort?.postMessage({ type: "done" });
} catch (e) {
  // parseDdpBatches words every problem of the file as an AppError; anything else is ours.
  const code = e instanceof AppError ? e.code : "INTERNAL";
  parentPort?.postMessage({ type: "error", code, message: (e as Error).message });
}
