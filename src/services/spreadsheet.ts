// A team's cases as a spreadsheet and back: people, events and deadlines out as CSV or XLSX with only the
// columns the user may read; an edited file in as review proposals (never a direct write), with every
// problem reported by row and column and nothing proposed until the file is clean.

import { AppError, badInput } from "../domain/errors.ts";
import { EVENT_TYPES, type HabeasEvent, type Person, PersonInputSchema } from "../domain/model.ts";
import { clearanceOf, type Viewer } from "../domain/policy.ts";
import type { Sensitivity } from "../domain/sensitivity.ts";
import { personIdsForSheet } from "../store/case-sheet.ts";
import type { Database, Db } from "../store/db.ts";
import { findEventById, listEventsForPeople } from "../store/events.ts";
import { insertProposals } from "../store/evidence.ts";
import { findPeopleByIds, findPersonById } from "../store/people.ts";
import type { ProposalsTable } from "../store/schema.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { evaluateDeadlines } from "./findings.ts";
import { prepareEvent } from "./record-case.ts";
import { fullAccessIds } from "./scope.ts";

export const SHEETS = ["people", "events", "deadlines"] as const;
export type SheetName = (typeof SHEETS)[number];
export type Sheet = { name: SheetName; header: string[]; rows: string[][] };
export type SheetProblem = { sheet: string; row: number; column: string; message: string };

const LIST = "; ";
const list = (xs: readonly string[] | undefined) => (xs ?? []).join(LIST);
const splitList = (s: string) =>
  s
    .split(/;/)
    .map((x) => x.trim())
    .filter(Boolean);

type Column<T> = {
  name: string;
  level: Sensitivity;
  read: (x: T) => string;
  /** How an edited cell becomes a field value; absent for read-only columns. */
  write?: (cell: string) => unknown;
};

const PERSON_COLUMNS: Column<Person>[] = [
  { name: "id", level: "public", read: (p) => p.id },
  { name: "full_name", level: "public", read: (p) => p.full_name, write: (s) => s },
  { name: "given_names", level: "public", read: (p) => p.given_names ?? "", write: (s) => s || undefined },
  {
    name: "first_surname",
    level: "public",
    read: (p) => p.first_surname ?? "",
    write: (s) => s || undefined,
  },
  {
    name: "second_surname",
    level: "public",
    read: (p) => p.second_surname ?? "",
    write: (s) => s || undefined,
  },
  { name: "aliases", level: "public", read: (p) => list(p.aliases), write: splitList },
  { name: "nationalities", level: "public", read: (p) => list(p.nationalities), write: splitList },
  {
    name: "citizenship_status",
    level: "public",
    read: (p) => p.citizenship_status,
    write: (s) => s || "unknown",
  },
  { name: "summary", level: "public", read: (p) => p.summary ?? "", write: (s) => s || undefined },
  { name: "languages", level: "team", read: (p) => list(p.languages), write: splitList },
  { name: "team", level: "team", read: (p) => p.team ?? "", write: (s) => s || undefined },
  { name: "a_number", level: "restricted", read: (p) => p.a_number ?? "", write: (s) => s || undefined },
  { name: "birth_date", level: "restricted", read: (p) => p.birth_date ?? "", write: (s) => s || undefined },
];

const EVENT_COLUMNS: Column<HabeasEvent>[] = [
  { name: "id", level: "public", read: (e) => e.id },
  { name: "person", level: "public", read: (e) => e.person },
  { name: "type", level: "public", read: (e) => e.type, write: (s) => s },
  { name: "when", level: "public", read: (e) => e.at, write: (s) => s },
  { name: "tz", level: "public", read: (e) => e.tz, write: (s) => s || "UTC" },
  { name: "place", level: "public", read: (e) => e.place ?? "", write: (s) => s || undefined },
  {
    name: "country",
    level: "public",
    read: (e) => e.country ?? "",
    write: (s) => s.toUpperCase() || undefined,
  },
  { name: "summary", level: "public", read: (e) => e.summary, write: (s) => s },
];
const DEADLINE_HEADER = ["person", "name", "deadline", "date", "days_remaining", "rule", "finding"];

const RANK: Record<Sensitivity, number> = { public: 0, team: 1, restricted: 2 };
const readable = <T>(cols: Column<T>[], viewer: Viewer) =>
  cols.filter((c) => RANK[c.level] <= RANK[clearanceOf(viewer)]);

/**
 * The most cases one export holds. A spreadsheet is built whole in memory: 20,000 cases with their 200,000
 * events took ~1 GB and ~9 s (docs/BENCHMARKS.md). More are refused with this number, never cut short.
 */
export const SHEET_MAX_CASES = 20_000;

/**
 * The people a spreadsheet of `team` holds for this viewer: those they have full access to (the scope's
 * answer; another team's public cases are not theirs to edit). The one visibility check of this feature.
 */
async function sheetPeople(db: Db, viewer: Viewer, team?: string, max = SHEET_MAX_CASES): Promise<Person[]> {
  const ids = await personIdsForSheet(db, team ?? (viewer.role === "admin" ? undefined : viewer.team));
  // Both loaders read in chunks of their own (store/people.ts scopeFieldsOf, findPeopleByIds).
  const full = await fullAccessIds(db, viewer, ids);
  if (full.length > max)
    throw new AppError(
      "TOO_LARGE",
      `${full.length.toLocaleString("en")} cases: one spreadsheet holds at most ${max.toLocaleString("en")}; export one team at a time`,
    );
  return findPeopleByIds(db, full);
}

/** May this viewer change this person through a spreadsheet row? */
async function mayChange(db: Db, viewer: Viewer, personId: string): Promise<boolean> {
  return (await fullAccessIds(db, viewer, [personId])).length === 1;
}

/** The team's cases as three sheets, with only the columns this viewer may read. */
export async function exportCases(
  db: Database,
  viewer: Viewer,
  /**
   * `maxCases`: fewer than SHEET_MAX_CASES, for a smaller budget. `only`: just this sheet (a CSV holds one):
   * the others, the deadlines' evaluation above all, are not computed.
   */
  opts: { team?: string; maxCases?: number; only?: SheetName } = {},
): Promise<Sheet[]> {
  authorize(viewer, "read", "case");
  const people = await sheetPeople(
    db,
    viewer,
    opts.team,
    Math.min(opts.maxCases ?? SHEET_MAX_CASES, SHEET_MAX_CASES),
  );
  const pcols = readable(PERSON_COLUMNS, viewer);
  const ecols = readable(EVENT_COLUMNS, viewer);
  const wanted = (s: SheetName) => !opts.only || opts.only === s;
  const events = wanted("events")
    ? await listEventsForPeople(
        db,
        people.map((p) => p.id),
      )
    : [];
  // The deadlines as the deadlines page and the calendar feed have them (findings.ts evaluateDeadlines).
  const deadlines: string[][] = [];
  const name = new Map(people.map((p) => [p.id, p.full_name]));
  for (let i = 0; wanted("deadlines") && i < people.length; i += 500) {
    const { findings } = await evaluateDeadlines(db, people.slice(i, i + 500));
    for (const f of findings)
      if (f.due)
        deadlines.push([
          f.person,
          name.get(f.person) ?? "",
          f.due.label,
          f.due.date,
          String(f.due.days_remaining),
          f.rule,
          f.title,
        ]);
  }
  deadlines.sort((a, b) => ((a[3] ?? "") < (b[3] ?? "") ? -1 : 1));
  // Like every read of restricted fields, an export that holds them is written to the audit log.
  const restricted = pcols.filter((c) => c.level === "restricted").map((c) => c.name);
  if (restricted.length)
    await db.transaction().execute((tx) =>
      audit(tx, viewer, "restricted.read", `export:team:${opts.team ?? viewer.team ?? "all"}`, {
        fields: restricted,
        people: people.length,
      }),
    );
  const sheets: Sheet[] = [
    {
      name: "people",
      header: pcols.map((c) => c.name),
      rows: wanted("people") ? people.map((p) => pcols.map((c) => c.read(p))) : [],
    },
    {
      name: "events",
      header: ecols.map((c) => c.name),
      rows: events.map((e) => ecols.map((c) => c.read(e))),
    },
    { name: "deadlines", header: DEADLINE_HEADER, rows: deadlines },
  ];
  return sheets.filter((s) => wanted(s.name));
}

/** A cell a spreadsheet program would run as a formula is written as text. */
const safeCell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const unsafeCell = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export function sheetToCsv(sheet: Sheet): string {
  const cell = (s: string) => {
    const v = safeCell(s);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return `${[sheet.header, ...sheet.rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

// The spreadsheet libraries are loaded when a file is written or read: the server and most commands never
// do either, and together they hold ~35 MB once loaded.
export async function sheetsToXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import("write-excel-file/node");
  return writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: [s.header, ...s.rows].map((r, i) =>
        r.map((v) => ({
          value: safeCell(v),
          type: String,
          ...(i === 0 ? { fontWeight: "bold" as const } : {}),
        })),
      ),
    })) as never,
  ).toBuffer();
}

// ---------- import ----------
const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return unsafeCell(String(v).trim());
};

/** Reads an uploaded spreadsheet: XLSX (its people and events sheets) or one CSV sheet, told by its header. */
async function readSheets(file: {
  name: string;
  bytes: Uint8Array;
}): Promise<{ name: string; rows: string[][] }[]> {
  const zip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
  if (zip) {
    const { default: readXlsxFile } = await import("read-excel-file/node");
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      sheets = (await readXlsxFile(Buffer.from(file.bytes))) as { sheet: string; data: unknown[][] }[];
    } catch (e) {
      throw badInput(`${file.name} is not a readable XLSX workbook: ${(e as Error).message}`);
    }
    return sheets.map((s) => ({
      name: s.sheet.trim().toLowerCase(),
      rows: s.data.map((r) => r.map(cellText)),
    }));
  }
  const { parse: parseCsv } = await import("csv-parse/sync");
  let rows: string[][];
  try {
    rows = parseCsv(Buffer.from(file.bytes).toString("utf8"), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
  } catch (e) {
    throw badInput(`${file.name} is not valid CSV: ${(e as Error).message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const name = header.includes("full_name")
    ? "people"
    : header.includes("type") && header.includes("person")
      ? "events"
      : header.includes("deadline")
        ? "deadlines"
        : "";
  return [{ name, rows: rows.map((r) => r.map(cellText)) }];
}

const EXPECTED =
  "a habeas cases spreadsheet: an XLSX workbook with a people or events sheet, or a CSV whose header has id and full_name (people) or id, person and type (events)";

export type SheetImport = { proposals: number; unchanged: number; problems: SheetProblem[] };

function proposal(kind: string, subject: string, payload: object, now: string): ProposalsTable {
  return {
    id: `${kind === "update_person" ? "sheet-person" : "sheet-event"}-${subject}-${crypto.randomUUID().slice(0, 8)}`,
    kind,
    source_id: null,
    subject_id: subject,
    payload: JSON.stringify(payload),
    score: null,
    status: "pending",
    reason: null,
    created_at: now,
    decided_at: null,
    decided_by: null,
  };
}

/** Turns an edited spreadsheet into review proposals; any problem and nothing is proposed. */
export async function importCasesSheet(
  db: Database,
  file: { name: string; bytes: Uint8Array },
  viewer: Viewer,
): Promise<SheetImport> {
  authorize(viewer, "write", "case");
  const sheets = (await readSheets(file)).filter((s) => s.name === "people" || s.name === "events");
  if (!sheets.length || sheets.every((s) => !s.rows.length))
    throw badInput(`${file.name} is not ${EXPECTED}`);
  const problems: SheetProblem[] = [];
  const rows: ProposalsTable[] = [];
  let unchanged = 0;
  const now = new Date().toISOString();
  for (const sheet of sheets) {
    const cols = (sheet.name === "people" ? PERSON_COLUMNS : EVENT_COLUMNS) as Column<unknown>[];
    const mayRead = new Set(readable(cols, viewer).map((c) => c.name));
    const header = (sheet.rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const problem = (row: number, column: string, message: string) =>
      problems.push({ sheet: sheet.name, row, column, message });
    if (!header.includes("id")) {
      problem(1, "id", "the sheet has no id column");
      continue;
    }
    header.forEach((h, i) => {
      const col = cols.find((c) => c.name === h);
      if (!h) return;
      if (!col) problem(1, h, `unknown column (columns: ${cols.map((c) => c.name).join(", ")})`);
      else if (!mayRead.has(h)) problem(1, h, "your role may not read or change this column");
      else if (header.indexOf(h) !== i) problem(1, h, "the column appears twice");
    });
    const seen = new Set<string>();
    for (const [i, cells] of sheet.rows.slice(1).entries()) {
      const rowNo = i + 2;
      if (cells.every((c) => !c)) continue;
      const get = (name: string) => cells[header.indexOf(name)] ?? "";
      const id = get("id");
      if (!id) {
        problem(
          rowNo,
          "id",
          "every row needs the id of the record it changes (new records are added in habeas)",
        );
        continue;
      }
      if (seen.has(id)) problem(rowNo, "id", `${id} appears on more than one row`);
      seen.add(id);
      const record = sheet.name === "people" ? await findPersonById(db, id) : await findEventById(db, id);
      const owner =
        sheet.name === "people"
          ? (record as Person | undefined)
          : record && (await findPersonById(db, (record as HabeasEvent).person));
      if (!record || !owner || !(await mayChange(db, viewer, owner.id))) {
        problem(rowNo, "id", `no ${sheet.name === "people" ? "person" : "event"} with id ${id}`);
        continue;
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const col of cols) {
        if (!header.includes(col.name) || !mayRead.has(col.name)) continue;
        const before = col.read(record);
        const after = get(col.name);
        if (after === before) continue;
        if (!col.write) {
          problem(rowNo, col.name, "this column cannot be changed here");
          continue;
        }
        changes[col.name] = { from: before, to: col.write(after) };
      }
      if (!Object.keys(changes).length) {
        unchanged++;
        continue;
      }
      const patch = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to]));
      if (sheet.name === "people") {
        const p = record as Person;
        const { citations, created_at: _c, updated_at: _u, ...rest } = p;
        const parsed = PersonInputSchema.safeParse({ ...rest, sources: citations, ...patch });
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            problem(rowNo, String(issue.path[0] ?? "?"), issue.message);
          continue;
        }
        rows.push(proposal("update_person", id, { person: id, name: p.full_name, changes }, now));
      } else {
        const e = record as HabeasEvent;
        if ("type" in patch && !(EVENT_TYPES as readonly string[]).includes(String(patch.type))) {
          problem(rowNo, "type", `unknown event type ${String(patch.type)}`);
          continue;
        }
        try {
          await prepareEvent(
            db,
            { ...eventInput(e), ...patch, ...("when" in patch ? { precision: undefined } : {}) },
            viewer,
          );
        } catch (err) {
          const ps =
            err instanceof AppError && err.problems.length
              ? err.problems
              : [{ path: "?", message: (err as Error).message }];
          for (const p of ps) problem(rowNo, p.path.split(".")[0] ?? "?", p.message);
          continue;
        }
        rows.push(
          proposal("update_event", e.person, { event: id, person: e.person, type: e.type, changes }, now),
        );
      }
    }
  }
  if (problems.length) return { proposals: 0, unchanged, problems };
  await db.transaction().execute(async (tx) => {
    await insertProposals(tx, rows);
    await audit(tx, viewer, "cases.import", `file:${file.name.slice(0, 100)}`, {
      proposals: rows.length,
      unchanged,
    });
  });
  return { proposals: rows.length, unchanged, problems };
}

/** An event as the input its command takes, for re-validation with changes applied. */
export function eventInput(e: HabeasEvent): Record<string, unknown> {
  return {
    id: e.id,
    person: e.person,
    type: e.type,
    when: e.at,
    tz: e.tz,
    precision: e.precision,
    facility: e.facility,
    place: e.place,
    country: e.country,
    matter: e.matter,
    summary: e.summary,
    details: e.details,
    sources: e.citations,
  };
}
