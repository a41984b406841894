// The petition action and the facility type-ahead in a real browser: a lawyer drafts a petition from the
// person page in English and in Spanish, and picks a facility by typing part of its name.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
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

describe("petition and facility picker in a browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let person: string;

  before(async () => {
    app = await startApp({ users: [LAWYER] });
    browser = await launchBrowser();
    person = app.dataset === "demo" ? "andry-hernandez-romero" : "kaag";
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ["en", "es"] as const) {
    test(`a lawyer drafts a habeas petition from the person page (${lang})`, async () => {
      const context = await browser.newContext({
        locale: lang === "es" ? "es-MX" : "en-US",
        viewport: { width: 360, height: 800 },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      try {
        await signIn(page, app.url, LAWYER);
        await page.goto(`${app.url}/people/${person}?lang=${lang}`);
        await page
          .getByRole("link", {
            name: lang === "es" ? "Redactar petición de hábeas corpus" : "Draft habeas petition",
          })
          .click();
        await page.waitForURL(/\/petition/);
        const intro = (await page.locator("main").textContent()) ?? "";
        assert.match(intro, lang === "es" ? /idioma del tribunal/ : /the court's language/);
        await page
          .getByRole("button", { name: lang === "es" ? "Redactar y ver" : "Draft and preview" })
          .click();
        await page.waitForLoadState("load");
        const text = (await page.locator("main").textContent()) ?? "";
        assert.match(text, /DRAFT — to be reviewed and signed by counsel/);
        assert.match(text, /PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U\.S\.C\. § 2241/);
      } finally {
        await context.close();
      }
    });
  }

  test("the event form's facility picker proposes facilities as the lawyer types", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/people/${person}/events/new?lang=en`);
      const box = page.getByRole("combobox", { name: "Facility" });
      await box.pressSequentially("confinamiento", { delay: 20 });
      const option = page.locator(".picker-list [role=option]").first();
      await option.waitFor();
      assert.match((await option.textContent()) ?? "", /CECOT|Confinement/i);
      await option.dispatchEvent("mousedown");
      assert.match(await box.inputValue(), /CECOT|Confinement/i);
      assert.ok(await page.locator('input[type=hidden][name="facility"]').inputValue());
    } finally {
      await context.close();
    }
  });
});
