// A DDP file read in a worker thread gives what parseDdp gives in this thread: the same items in the same
// order (across chunks, with the worker held back by the reader), and the same refusals.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { AppError } from "../../domain/errors.ts";
import { DDP_COLUMNS, type DdpItem } from "./ddp.ts";
import { readDdpFile } from "./ddp-file.ts";

const HEADER = DDP_COLUMNS.join(",");
const dir = mkdtempSync(join(tmpdir(), "habeas-ddp-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function file(text: string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function readAll(path: string, worker: boolean, maxRecordBytes?: number) {
  const reader = readDdpFile(path, { size: statSync(path).size, worker, maxRecordBytes });
  const items: DdpItem[] = [];
  for await (const batch of reader.batches) items.push(...batch);
  return { items, bytes: reader.bytesRead() };
}

test("a file parsed in a worker thread gives the same items, in order, across many chunks", async () => {
  const lines = [HEADER];
  for (let i = 0; i < 23_000; i++) {
    const day = `2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
    if (i % 997 === 5) lines.push(`BADCODE,${day},x,1,1,0,0,0,BAD`);
    else if (i % 1500 === 7) lines.push(`CODE${i % 10}TX,${day},3`);
    else lines.push(`CODE${i % 10}TX,${day},${i},${i % 3 ? i : ""},1,0,,0,"JAIL ${i % 10}, ""NORTH"""`);
  }
  const path = file(`${lines.join("\n")}\nCODE1TX,2024-01-01,1,1,1,0,0,0,"NEVER CLOSED\n`);
  const here = await readAll(path, false);
  const there = await readAll(path, true);
  assert.equal(there.items.length, here.items.length);
  assert.deepEqual(there.items, here.items);
  assert.ok(here.items.some((i) => !i.ok) && here.items.filter((i) => i.ok).length > 20_000);
  assert.equal(there.bytes, statSync(path).size);
});

test("a worker thread refuses what this thread refuses, with the same message", async () => {
  const cases = [
    `${HEADER},notes\nA,2024-01-01,1,1,1,0,0,0,A,x\n`,
    "",
    "Month,Detained\nOctober,5\n",
    `${HEADER}\nUNBALAN,2030-01-01,1,1,1,0,0,0,"OPEN QUOTE\n${"UNBALAN,2030-01-02,1,1,1,0,0,0,NAME\n".repeat(200)}`,
  ];
  for (const text of cases) {
    const path = file(text);
    const here = await readAll(path, false, 1024).catch((e: unknown) => e);
    const there = await readAll(path, true, 1024).catch((e: unknown) => e);
    assert.ok(here instanceof AppError && here.code === "BAD_INPUT", String(here));
    assert.ok(there instanceof AppError, String(there));
    assert.deepEqual([there.code, there.message], [here.code, here.message]);
  }
});

test("a reader left before the end stops its worker thread", async () => {
  const lines = [HEADER];
  for (let i = 0; i < 30_000; i++) lines.push(`STOPPED,2024-01-01,${i},1,1,0,0,0,STOP`);
  const reader = readDdpFile(file(lines.join("\n")), { size: 0, worker: true });
  let n = 0;
  for await (const batch of reader.batches) {
    n += batch.length;
    break;
  }
  assert.ok(n > 0 && n < 30_000, String(n));
});
