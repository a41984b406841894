// In a browser at phone width, in Spanish and English: a lawyer attaches a PDF to a person and downloads it
// back byte for byte, and imports a court docket through the upload form.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  browserSkip,
  LAWYER,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
} from "../../../test/browser.ts";

const skip = browserSkip();
if (skip) console.log(`# ${skip}`);

describe("documents in a browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let dir: string;
  before(async () => {
    app = await startApp({ users: [LAWYER] });
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), "habeas-docs-"));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const phone = (locale: string) =>
    browser.newContext({ locale, viewport: { width: 360, height: 780 }, acceptDownloads: true });
  const fitsPhone = async (page: Page) =>
    (await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) === 0;

  test("a lawyer attaches a PDF to a person and downloads it back, in Spanish at 360 px", async () => {
    const person = app.dataset === "demo" ? "kilmar-abrego-garcia" : "kaag";
    const pdf = join(dir, "orden.pdf");
    writeFileSync(pdf, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const context = await phone("es-ES");
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/people/${person}?lang=es`);
      await page.getByLabel("Adjuntar un documento").setInputFiles(pdf);
      await Promise.all([
        page.waitForURL(/saved=attach/),
        page.getByRole("button", { name: "Subir" }).click(),
      ]);
      assert.match((await page.locator("[role=status]").first().textContent()) ?? "", /Documento adjuntado/);
      assert.ok(await fitsPhone(page), "no wider than the phone");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "orden.pdf" }).click(),
      ]);
      assert.equal(download.suggestedFilename(), "orden.pdf");
      const saved = join(dir, "back.pdf");
      await download.saveAs(saved);
      assert.deepEqual(readFileSync(saved), readFileSync(pdf));
    } finally {
      await context.close();
    }
  });

  test("a lawyer imports a docket through the upload form, in English at 360 px", async () => {
    const file = join(dir, "docket.json");
    writeFileSync(
      file,
      JSON.stringify({
        court_id: "mdd",
        docket_number: "8:25-cv-09999",
        case_name: "Roe v. Noem",
        nature_of_suit: "463 Habeas Corpus - Alien Detainee",
        docket_entries: [
          {
            date_filed: "2025-04-01",
            description: "PETITION for Writ of Habeas Corpus",
            document_number: "1",
          },
          { date_filed: "2025-04-02", description: "ORDER TO SHOW CAUSE", document_number: "2" },
        ],
      }),
    );
    const context = await phone("en-US");
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/import/docket?lang=en`);
      assert.ok(await fitsPhone(page));
      await page.getByLabel("Docket file (JSON)").setInputFiles(file);
      await Promise.all([
        page.waitForLoadState("load"),
        page.getByRole("button", { name: "Import" }).click(),
      ]);
      assert.match((await page.locator("[role=status]").textContent()) ?? "", /District of Maryland/);
      await page.getByRole("link", { name: "Roe v. Noem" }).click();
      await page.waitForURL(/\/matters\//);
      assert.match((await page.locator("main").textContent()) ?? "", /Order to show cause/);
      assert.ok(await fitsPhone(page));
    } finally {
      await context.close();
    }
  });
});
