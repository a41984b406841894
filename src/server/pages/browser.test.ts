// The web app in a real browser (Debian's Chromium via playwright-core): sign in, find a misspelled name,
// open the person and their findings, add an event and watch a finding change, the dashboard in both
// languages, the intake form rejecting bad input beside each field, and the family plan kept on the device.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
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

describe("in a browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let person: string;
  let misspelled: string;

  before(async () => {
    app = await startApp({ users: [LAWYER, VOLUNTEER] });
    browser = await launchBrowser();
    person = app.dataset === "demo" ? "kilmar-abrego-garcia" : "kaag";
    misspelled = "Kilmer Abrego";
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function fresh(
    opts: { locale?: string; width?: number } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: opts.locale ?? "en-US",
      viewport: { width: opts.width ?? 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  test("a lawyer signs in, finds a misspelled name, opens the person and sees the findings", async () => {
    const { context, page } = await fresh();
    try {
      await page.goto(`${app.url}/workspace`);
      assert.match(page.url(), /\/login\?next=%2Fworkspace/, "staff pages ask to sign in first");
      await page.getByLabel("Username").fill(LAWYER.username);
      await page.getByLabel("Password").fill(LAWYER.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/workspace$/);
      await page.getByLabel("Find a person").fill(misspelled);
      await page.getByLabel("Find a person").press("Enter");
      await page.waitForURL(/\/search\?q=/);
      const result = page.locator(".results a").first();
      assert.match((await result.textContent()) ?? "", /Kilmar Armando Abrego Garc[ií]a/);
      await result.click();
      await page.waitForURL(new RegExp(`/people/${person}$`));
      const findings = page.locator("section.findings");
      assert.ok(await findings.isVisible());
      assert.ok((await page.locator("article.finding").count()) > 0, "findings listed");
      assert.match((await findings.textContent()) ?? "", /Legal basis/);
      // Keyboard: the basis of a finding opens with Enter on its summary.
      const summary = page.locator("article.finding summary").first();
      await summary.focus();
      await page.keyboard.press("Enter");
      assert.ok(await page.locator("article.finding details[open]").first().isVisible());
    } finally {
      await context.close();
    }
  });

  test("adding an event from the form changes a finding", async () => {
    const { context, page } = await fresh();
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/people/${person}?lang=en`);
      const titles = async () =>
        (await page.locator("article.finding h4").allTextContents()).map((t) => t.trim());
      const before = await titles();
      await page.getByRole("link", { name: "Add an event" }).click();
      await page.getByLabel("Kind of event").selectOption("CITIZENSHIP_EVIDENCE");
      // The script shows this kind's details without reloading the page.
      assert.ok(await page.locator('fieldset[data-for-type="CITIZENSHIP_EVIDENCE"]').isVisible());
      assert.ok(!(await page.locator('fieldset[data-for-type="ARREST"]').isVisible()));
      await page
        .getByLabel("What happened, in a sentence")
        .fill("A U.S. birth certificate was produced to ICE.");
      await page.locator("#f-when").fill("2025-03-14");
      await page.locator("#f-details-CITIZENSHIP_EVIDENCE-basis").selectOption("birth");
      await page.locator("#f-details-CITIZENSHIP_EVIDENCE-raised_before_removal").selectOption("yes");
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(new RegExp(`/people/${person}\\?saved=event`));
      assert.match((await page.getByRole("status").first().textContent()) ?? "", /Event saved/);
      const afterTitles = await titles();
      assert.notDeepEqual(afterTitles, before, "the findings changed");
      assert.ok(
        afterTitles.some((t) => /citizen/i.test(t)) && !before.some((t) => /citizen/i.test(t)),
        `a citizenship finding appears: ${afterTitles.join(" | ")}`,
      );
    } finally {
      await context.close();
    }
  });

  test("the dashboard in English and in Spanish, without signing in", async () => {
    const en = await fresh({ locale: "en-US" });
    const es = await fresh({ locale: "es-MX" });
    try {
      await en.page.goto(`${app.url}/`);
      assert.equal(await en.page.locator("html").getAttribute("lang"), "en");
      assert.equal(
        ((await en.page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim(),
        "What the record shows",
      );
      assert.ok((await en.page.locator("figure.chart svg[role=img]").count()) >= 3);
      // The Spanish browser gets Spanish by itself; the switch goes back to English.
      await es.page.goto(`${app.url}/`);
      assert.equal(await es.page.locator("html").getAttribute("lang"), "es");
      assert.equal(
        ((await es.page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim(),
        "Lo que muestra el registro",
      );
      await es.page.locator("details.chart-table summary").first().click();
      assert.ok(await es.page.locator("details.chart-table table").first().isVisible());
      await es.page.getByRole("link", { name: "English" }).click();
      await es.page.waitForURL(/lang=en/);
      assert.equal(await es.page.locator("html").getAttribute("lang"), "en");
      // Remembered: the next page stays in English.
      await es.page.getByRole("link", { name: "Know your rights" }).first().click();
      assert.equal(
        ((await es.page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim(),
        "Know your rights",
      );
    } finally {
      await en.context.close();
      await es.context.close();
    }
  });

  test("the intake form rejects bad input with a message beside each field", async () => {
    const { context, page } = await fresh({ locale: "es-US" });
    try {
      await signIn(page, app.url, LAWYER);
      await page.goto(`${app.url}/intake?lang=es`);
      await page.getByLabel(/^Número A/).fill("12-34");
      await page.getByLabel(/^Fecha del arresto/).fill("2031-01-01");
      await page.getByRole("button", { name: "Abrir el caso" }).click();
      await page.waitForLoadState("load");
      assert.ok(await page.getByRole("alert").isVisible(), "the error summary");
      assert.match((await page.locator("#f-full_name-error").textContent()) ?? "", /obligatorio/);
      assert.match((await page.locator("#f-a_number-error").textContent()) ?? "", /8 o 9 dígitos/);
      assert.match((await page.locator("#f-arrest_date-error").textContent()) ?? "", /futura/);
      assert.equal(await page.locator("#f-a_number").inputValue(), "12-34", "what was typed is kept");
      assert.equal(await page.locator("#f-a_number").getAttribute("aria-invalid"), "true");
      // The summary links take the keyboard to the field.
      await page.locator('.error-summary a[href="#f-full_name"]').click();
      assert.equal(await page.evaluate("document.activeElement && document.activeElement.id"), "f-full_name");
    } finally {
      await context.close();
    }
  });

  test("a volunteer's intake shows restricted fields locked", async () => {
    const { context, page } = await fresh();
    try {
      await signIn(page, app.url, VOLUNTEER);
      await page.goto(`${app.url}/intake?lang=en`);
      assert.ok(await page.getByLabel(/^A-number/).isDisabled());
      assert.ok(await page.getByLabel(/^Medical needs/).isDisabled());
      assert.ok(await page.getByLabel(/^Full name/).isEnabled());
    } finally {
      await context.close();
    }
  });

  test("the family plan is kept in the browser, and only there", async () => {
    const { context, page } = await fresh({ width: 360 });
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET") sent.push(`${r.method()} ${r.url()}`);
    });
    try {
      await page.goto(`${app.url}/plan?lang=en`);
      assert.ok(
        await page.getByRole("button", { name: "Print" }).isVisible(),
        "the script enhanced the page",
      );
      await page.getByLabel("Emergency contact (name and phone)", { exact: true }).fill("Tía Marta 555-0100");
      await page.getByLabel("That person has agreed and knows the plan").check();
      await page.reload();
      assert.equal(
        await page.getByLabel("Emergency contact (name and phone)", { exact: true }).inputValue(),
        "Tía Marta 555-0100",
      );
      assert.ok(await page.getByLabel("That person has agreed and knows the plan").isChecked());
      page.once("dialog", (d) => d.accept());
      await page.getByRole("button", { name: "Clear everything" }).click();
      await page.reload();
      assert.equal(
        await page.getByLabel("Emergency contact (name and phone)", { exact: true }).inputValue(),
        "",
      );
      assert.deepEqual(sent, [], "nothing was sent to the server");
      // 360 px: nothing wider than the screen.
      const overflow = Number(
        await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    } finally {
      await context.close();
    }
  });

  test("no page is wider than a 360 px phone, and every field has a label", async () => {
    const { context, page } = await fresh({ width: 360 });
    try {
      await signIn(page, app.url, LAWYER);
      for (const path of [
        "/",
        "/rights",
        `/people/${person}`,
        "/intake",
        "/search?q=abrego",
        "/people/new",
        "/orders",
      ]) {
        await page.goto(`${app.url}${path}`);
        const overflow = Number(
          await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
        );
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the phone`);
        const unlabelled = Number(
          await page.evaluate(`[...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
            .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")).length`),
        );
        assert.equal(unlabelled, 0, `${path}: fields without a label`);
      }
    } finally {
      await context.close();
    }
  });
});
