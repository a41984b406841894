// Lists of ids are bound 500 at a time: under SQLite's parameter limit, and plans PostgreSQL makes quickly.

/** Runs `read` on the items 500 at a time, in order, and returns what each read returned, in order. */
export async function readInChunks<T, R>(
  items: readonly T[],
  read: (chunk: T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 500) out.push(...(await read(items.slice(i, i + 500))));
  return out;
}

/** Ids that all lie in [first, last], ends included: a whole-record evaluation's batch of people. */
export type IdSpan = { first: string; last: string };
