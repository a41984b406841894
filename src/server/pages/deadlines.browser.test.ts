// In a real browser at phone width (360 px), in English and Spanish: a volunteer's intake with the next
// hearing opens the case, and the hearing shows on the team's deadlines page with nothing wider than the screen.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  browserSkip,
  LAWYER,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
  VOLUNTEER,
} from "../../../test/browser.ts";

const skip = browserSkip();
if (skip) console.log(`# ${skip}`);

describe("deadlines and intake in a browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  const hearingDay = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);

  before(async () => {
    app = await startApp({ users: [LAWYER, VOLUNTEER], dataset: "fixtures" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function phone(locale: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { page, close: () => context.close() };
  }
  const overflow = (page: Page) => page.evaluate("document.documentElement.scrollWidth - window.innerWidth");

  test("a volunteer's intake with the next hearing opens the case; the hearing is on the deadlines page (EN)", async () => {
    const { page, close } = await phone("en-US");
    try {
      await signIn(page, app.url, VOLUNTEER);
      await page.goto(`${app.url}/intake?lang=en`);
      assert.equal(await overflow(page), 0);
      await page.locator("#f-full_name").fill("Graciela Nohemí Tzul");
      await page.locator("#f-arrest_date").fill("2025-05-02");
      await page.locator("#f-hearing_date").fill(hearingDay);
      await page.locator("#f-hearing_time").fill("08:30");
      await page.locator("#f-hearing_court").fill("Otay Mesa Immigration Court");
      await page.locator("#f-family_phone").fill("555-0142");
      await Promise.all([
        page.waitForURL(/\/people\/[^?]+\?saved=intake/),
        page.getByRole("button", { name: "Open the case" }).click(),
      ]);
      const body = (await page.locator("main").textContent()) ?? "";
      assert.match(body, /Immigration court hearing|Hearing/);
      assert.match(body, /recorded \(sealed/);
      assert.doesNotMatch(body, /555-0142/);
      await page.goto(`${app.url}/workspace/deadlines?lang=en`);
      assert.match((await page.locator("main").textContent()) ?? "", /Otay Mesa Immigration Court/);
      assert.equal(await overflow(page), 0);
    } finally {
      await close();
    }
  });

  test("the deadlines page and the calendar address in Spanish, at 360 px", async () => {
    const { page, close } = await phone("es-MX");
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/workspace/deadlines?lang=es`);
      const main = page.locator("main");
      assert.match((await main.textContent()) ?? "", /Plazos y audiencias/);
      assert.match((await main.textContent()) ?? "", /Audiencia en el tribunal de inmigración/);
      await page.locator("#f-kind").selectOption("hearing");
      await Promise.all([
        page.waitForURL(/kind=hearing/),
        page.getByRole("button", { name: "Mostrar" }).click(),
      ]);
      assert.match((await main.textContent()) ?? "", /Otay Mesa/);
      await Promise.all([
        page.waitForLoadState("load"),
        page.getByRole("button", { name: "Crear mi dirección de calendario" }).click(),
      ]);
      const address = (await page.locator("code.secret").textContent()) ?? "";
      assert.match(address, /\/calendar\/[A-Za-z0-9_-]+\.ics$/);
      assert.equal(await overflow(page), 0);
      const feed = await (await fetch(address)).text();
      assert.match(feed, /BEGIN:VCALENDAR/);
      assert.doesNotMatch(feed, /Graciela|Tzul/);
    } finally {
      await close();
    }
  });
});
