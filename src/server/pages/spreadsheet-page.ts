// The team spreadsheet: download the cases the user may read as XLSX or CSV, upload an edited copy whose
// changes go to the review queue, with every problem shown by row and column.
import { html } from "hono/html";
import { z } from "zod";
import { badInput, problemsFromZod } from "../../domain/errors.ts";
import {
  exportCases,
  importCasesSheet,
  SHEET_MAX_CASES,
  SHEETS,
  type SheetImport,
  sheetsToXlsx,
  sheetToCsv,
} from "../../services/spreadsheet.ts";
import type { Database } from "../../services/store.ts";
import type { router } from "../routes.ts";
import { uploadedFile } from "../uploads.ts";
import { csrfField } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";

const CsvQuery = z.object({ sheet: z.enum(SHEETS).default("people") });

function body(p: Page, result?: SheetImport) {
  return html`<h1>${p.t("sheet.title")}</h1>
    <p class="lede">${p.t("sheet.lede", { max: p.number(SHEET_MAX_CASES) })}</p>
    ${
      result && !result.problems.length
        ? html`<p class="notice ok" role="status">${p.t("sheet.done", { n: result.proposals, unchanged: result.unchanged })}
          <a href="/review">${p.t("nav.review")}</a></p>`
        : ""
    }
    ${
      result?.problems.length
        ? html`<div class="notice warn" role="alert"><p>${p.t("sheet.problems")}</p><ul>${result.problems.map(
            (x) =>
              html`<li>${x.sheet}: ${p.t("sheet.row", { row: x.row, column: x.column, message: x.message })}</li>`,
          )}</ul></div>`
        : ""
    }
    <p class="actions">
      <a class="button" href="/workspace/spreadsheet.xlsx" download>${p.t("sheet.xlsx")}</a>
      <a class="button secondary" href="/workspace/spreadsheet.csv?sheet=people" download>${p.t("sheet.csv")}</a>
      <a class="button secondary" href="/workspace/spreadsheet.csv?sheet=events" download>${p.t("sheet.csvEvents")}</a>
    </p>
    ${
      p.mayWrite
        ? html`<form method="post" action="/workspace/spreadsheet" enctype="multipart/form-data" class="upload">
          ${csrfField(p)}
          <label for="sheet-file">${p.t("sheet.file")}</label>
          <input id="sheet-file" name="file" type="file" required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <button type="submit">${p.t("sheet.button")}</button>
        </form>`
        : ""
    }`;
}

export function registerSpreadsheetPage(r: ReturnType<typeof router>, db: Database) {
  const read = { action: "read", resource: "case", kind: "page" } as const;
  const stamp = () => new Date().toISOString().slice(0, 10);
  r.add({ method: "GET", path: "/workspace/spreadsheet", ...read }, (c) => {
    const p = pageOf(c);
    return render(c, { title: p.t("sheet.title"), body: body(p) });
  });
  r.add({ method: "GET", path: "/workspace/spreadsheet.xlsx", ...read }, async (c) => {
    const data = await sheetsToXlsx(await exportCases(db, pageOf(c).viewer));
    return c.body(new Uint8Array(data), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="habeas-cases-${stamp()}.xlsx"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });
  r.add({ method: "GET", path: "/workspace/spreadsheet.csv", ...read }, async (c) => {
    const q = CsvQuery.safeParse(c.req.query());
    if (!q.success) throw badInput("invalid request", problemsFromZod(q.error.issues));
    const name = q.data.sheet;
    const sheet = (await exportCases(db, pageOf(c).viewer, { only: name })).find((s) => s.name === name);
    return c.body(sheet ? sheetToCsv(sheet) : "", 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="habeas-${name}-${stamp()}.csv"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });
  r.add(
    { method: "POST", path: "/workspace/spreadsheet", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const result = await importCasesSheet(db, await uploadedFile(c), p.viewer);
      return render(c, {
        title: p.t("sheet.title"),
        status: result.problems.length ? 422 : 200,
        body: body(p, result),
      });
    },
  );
}
