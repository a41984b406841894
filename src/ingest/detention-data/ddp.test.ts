// The DDP population reader on small inline files (each problem with its line) and on the real file.
import assert from "node:assert/strict";
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { test } from "node:test";
import { AppError } from "../../domain/errors.ts";
import { DDP_COLUMNS, type DdpItem, parseDdp } from "./ddp.ts";

const HEADER = DDP_COLUMNS.join(",");
const REAL = new URL("../../../../shared/data/ddp/ddp_facilities_daily_population.csv", import.meta.url);

async function read(text: string, opts: { maxRecordBytes?: number } = {}): Promise<DdpItem[]> {
  const items: DdpItem[] = [];
  for await (const item of parseDdp(Readable.from([Buffer.from(text)]), opts)) items.push(item);
  return items;
}
const problems = (items: DdpItem[]) =>
  items.flatMap((i) => (i.ok ? [] : [{ line: i.line, message: i.message }]));

test("good rows come out typed, with blanks as null and codes upper-cased", async () => {
  const items = await read(
    `${HEADER}\nADLNTCA,2024-01-31,1234,1200,1000,234,500,0,ADELANTO ICE PROCESSING CENTER\n` +
      ` abcdeTX ,2024-02-29,7,,,,,,"COUNTY JAIL, NORTH"\n`,
  );
  assert.deepEqual(items, [
    {
      ok: true,
      line: 2,
      row: {
        facility_code: "ADLNTCA",
        date: "2024-01-31",
        n_detained: 1234,
        n_detained_at_midnight: 1200,
        n_male: 1000,
        n_female: 234,
        n_convicted_criminal: 500,
        n_possibly_under_18: 0,
        facility_name: "ADELANTO ICE PROCESSING CENTER",
      },
    },
    {
      ok: true,
      line: 3,
      row: {
        facility_code: "ABCDETX",
        date: "2024-02-29",
        n_detained: 7,
        n_detained_at_midnight: null,
        n_male: null,
        n_female: null,
        n_convicted_criminal: null,
        n_possibly_under_18: null,
        facility_name: "COUNTY JAIL, NORTH",
      },
    },
  ]);
});

test("each bad row is a problem naming its line and field; the good rows around it still come", async () => {
  const items = await read(
    [
      HEADER,
      "AAAAAAA,2024-01-01,5,5,5,0,0,0,A", // 2 ok
      "AAAAAAA,2024-01-02,five,5,5,0,0,0,A", // 3 bad number
      "AAAAAAA,2023-02-29,5,5,5,0,0,0,A", // 4 not a date (2023 is no leap year)
      "AAAAAAA,2024-01-04,-3,5,5,0,0,0,A", // 5 negative
      "AAA AAA,2024-01-05,1,1,1,0,0,0,A", // 6 bad code
      "",
      "AAAAAAA,2024-01-06,1,1", // 8 too few fields
      "AAAAAAA,2024-01-07,1,1,1,0,0,0,A,extra", // 9 too many
      "AAAAAAA,2024-01-08,2,2,2,0,0,0,A", // 10 ok
    ].join("\n"),
  );
  assert.deepEqual(
    items.filter((i) => i.ok).map((i) => i.line),
    [2, 10],
  );
  const p = problems(items);
  assert.deepEqual(
    p.map((x) => x.line),
    [3, 4, 5, 6, 8, 9],
  );
  assert.match(p[0]!.message, /n_detained "five" is not a whole number/);
  assert.match(p[1]!.message, /date "2023-02-29" is not a date/);
  assert.match(p[3]!.message, /detention_facility_code/);
  assert.match(p[4]!.message, /has 4 of 9 fields/);
  assert.match(p[5]!.message, /has 10 fields/);
});

test("a truncated last line is a problem on that line", async () => {
  const items = await read(`${HEADER}\nAAAAAAA,2024-01-01,5,5,5,0,0,0,A\nAAAAAAA,2024-01-02,5,5`);
  assert.deepEqual(problems(items), [{ line: 3, message: "has 4 of 9 fields (a truncated line?)" }]);
});

test("a file cut inside a quoted name is reported with the lines it swallowed", async () => {
  const items = await read(
    `${HEADER}\nAAAAAAA,2024-01-01,5,5,5,0,0,0,A\nAAAAAAA,2024-01-02,5,5,5,0,0,0,"COUNTY JAIL, NO`,
  );
  assert.equal(items.filter((i) => i.ok).length, 1);
  const p = problems(items);
  assert.equal(p.length, 1);
  assert.equal(p[0]!.line, 3);
  assert.match(p[0]!.message, /quoted field is never closed/);
});

test("a stray quote spoils only its own row", async () => {
  const items = await read(
    `${HEADER}\nAAAAAAA,2024-01-01,5,5,5,0,0,0,A\nAAAAAAA,2024-01-02,5,5"x,5,0,0,0,A\nAAAAAAA,2024-01-03,5,5,5,0,0,0,A\n`,
  );
  assert.deepEqual(
    items.map((i) => [i.line, i.ok]),
    [
      [2, true],
      [3, false],
      [4, true],
    ],
  );
});

test("an unbalanced quote mid-file stops the read with BAD_INPUT instead of swallowing the rest", async () => {
  const rows = Array.from(
    { length: 200 },
    (_, i) => `AAAAAAA,2024-01-${String((i % 28) + 1).padStart(2, "0")},1,1,1,0,0,0,A`,
  );
  const text = `${HEADER}\n${rows.slice(0, 5).join("\n")}\nAAAAAAA,2024-02-01,1,1,1,0,0,0,"OPEN\n${rows.join("\n")}\n`;
  await assert.rejects(read(text, { maxRecordBytes: 1024 }), (e: AppError) => {
    assert.equal(e.code, "BAD_INPUT");
    assert.match(e.message, /^line 7: a quoted field runs on/);
    return true;
  });
});

test("columns may come in any order; BOM and CRLF line ends are fine", async () => {
  const cols = [...DDP_COLUMNS].reverse();
  const values: Record<string, string> = {
    detention_facility_code: "BBBBBBB",
    date: "2025-12-31",
    n_detained: "3",
    n_detained_at_midnight: "2",
    n_detained_male: "1",
    n_detained_female: "2",
    n_detained_convicted_criminal: "0",
    n_detained_possibly_under_18: "0",
    detention_facility: "B",
  };
  const items = await read(`\ufeff${cols.join(",")}\r\n${cols.map((c) => values[c]).join(",")}\r\n`);
  assert.equal(items.length, 1);
  assert.ok(items[0]!.ok);
  assert.equal(items[0]!.line, 2);
  if (items[0]!.ok) assert.equal(items[0]!.row.facility_code, "BBBBBBB");
});

test("unknown, missing or repeated columns and empty files are refused before any row", async () => {
  const cases: [string, RegExp][] = [
    [`${HEADER},notes\nA,2024-01-01,1,1,1,0,0,0,A,x\n`, /unknown column\(s\) "notes"/],
    [
      `${DDP_COLUMNS.slice(0, 8).join(",")}\nA,2024-01-01,1,1,1,0,0,0\n`,
      /missing column\(s\) "detention_facility"/,
    ],
    [`${HEADER},date\n`, /repeated column\(s\) "date"/],
    ["", /empty/],
    ["\n\n", /empty/],
  ];
  for (const [text, re] of cases) {
    await assert.rejects(
      read(text),
      (e: AppError) => e instanceof AppError && e.code === "BAD_INPUT" && re.test(e.message),
    );
  }
  assert.deepEqual(await read(`${HEADER}\n`), []);
});

test("the real DDP file reads cleanly", {
  skip: !existsSync(REAL) && "../shared/data/ddp is absent",
}, async () => {
  let n = 0;
  for await (const item of parseDdp(createReadStream(REAL))) {
    assert.ok(item.ok, `line ${item.line}: ${item.ok ? "" : item.message}`);
    if (++n === 50_000) break;
  }
  assert.equal(n, 50_000);
});

test("a quoted field that goes on after its closing quote spoils only its own row", async () => {
  const items = await read(
    [
      HEADER,
      "AAAAAAA,2024-01-01,5,5,5,0,0,0,A",
      'AAAAAAA,2024-01-02,5,5,5,0,0,0,"JAIL "NORTH" X"',
      'AAAAAAA,2024-01-03,5,5,5,0,0,0,"COUNTY, ""WEST"""',
      'AAAAAAA,2024-01-04,5,5,5,0,0,0,"TWO',
      'LINES"',
      "AAAAAAA,2024-01-05,5,5,5,0,0,0,B",
    ].join("\r\n"),
  );
  assert.deepEqual(
    items.map((i) => [i.line, i.ok]),
    [
      [2, true],
      [3, false],
      [4, true],
      [5, true],
      [7, true],
    ],
  );
  const p = problems(items);
  assert.match(p[0]!.message, /goes on after its closing quote/);
  const names = items.flatMap((i) => (i.ok ? [i.row.facility_name] : []));
  assert.deepEqual(names, ["A", 'COUNTY, "WEST"', "TWO\r\nLINES", "B"]);
});

test("the items do not depend on where the file is cut into pieces, with either line end", async () => {
  for (const lineEnd of ["\n", "\r\n"]) await samePiecewise(lineEnd);
});

async function samePiecewise(lineEnd: string) {
  const text = [
    `\ufeff${HEADER}`,
    "AAAAAAA,2024-01-01,5,5,5,0,0,0,A",
    'AAAAAAA,2024-01-02,5,5,5,0,0,0,"JAIL "NORTH" X"',
    "",
    'AAAAAAA,2024-01-03,5,5,5,0,0,0,"COUNTY, ""WEST"""',
    'AAAAAAA,2024-01-04,5,5,5,0,0,0,"TWO',
    'LINES"',
    "AAAAAAA,2024-01-05,five,5,5,0,0,0,B",
    "AAAAAAA,2024-01-06,5,5,5,0,0,0,Ñandú",
    'AAAAAAA,2024-01-07,5,5,5,0,0,0,"NEVER',
    "CLOSED",
  ].join(lineEnd);
  const whole = await read(text);
  assert.equal(whole.length, 7);
  const bytes = Buffer.from(text);
  for (const size of [1, 2, 3, 7, 64]) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
    const items: DdpItem[] = [];
    for await (const item of parseDdp(Readable.from(pieces))) items.push(item);
    assert.deepEqual(items, whole, `pieces of ${size} bytes, ${JSON.stringify(lineEnd)}`);
  }
}
