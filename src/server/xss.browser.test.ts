// Hostile text in a real browser (Chromium via playwright-core): a record whose every text field holds an
// XSS payload is shown on every page that displays it, signed in and not, and nothing runs — no dialog,
// no injected element or handler, no script but habeas' own files.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { browserSkip, LAWYER, launchBrowser, type RunningApp, signIn, startApp } from "../../test/browser.ts";
import { OPERATOR } from "../domain/policy.ts";
import { saveSourceRecord } from "../services/edit-record.ts";
import { createPerson, recordEvent } from "../services/record-case.ts";

const skip = browserSkip();
if (skip) console.log(`# ${skip}`);

const PAYLOADS = [
  `<script>alert("xss-script")</script>`,
  `"><img src=x onerror=alert('xss-img')>`,
  `'><svg/onload=alert('xss-svg')>`,
  `</textarea><script>alert('xss-textarea')</script>`,
  `<iframe srcdoc="<script>parent.alert('xss-iframe')</script>"></iframe>`,
  `" autofocus onfocus="alert('xss-focus')`,
  `<a href="javascript:alert('xss-href')" id="xss-link">click</a>`,
  `<details open ontoggle=alert('xss-toggle')>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')>`,
];

// Runs in the page: handlers, javascript: URLs, scripts not served by habeas, elements only a payload makes
// (pages draw their own SVG charts and use <details>, so those are not counted).
const FIND_INJECTED = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll("*"))
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(el.tagName + " " + a.name);
      if (/^\\s*javascript:/i.test(a.value)) bad.push(el.tagName + " " + a.name + "=javascript:");
    }
  for (const s of document.scripts) if (!s.src || new URL(s.src).origin !== location.origin) bad.push("script");
  for (const sel of ["iframe", "object", "embed", "math", 'img[src="x"]', "#xss-link"])
    if (document.querySelector(sel)) bad.push(sel);
  return bad;
})()`;

describe("hostile text in a browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    app = await startApp({ users: [LAWYER], dataset: "fixtures" });
    browser = await launchBrowser();
    const all = PAYLOADS.join(" ");
    await saveSourceRecord(
      app.store.db,
      { id: "s-xss", publisher: PAYLOADS[1], title: all.slice(0, 500), kind: "news" },
      OPERATOR,
    );
    await createPerson(
      app.store.db,
      {
        id: "xss-person",
        full_name: PAYLOADS[1] as string,
        aliases: PAYLOADS,
        summary: all,
        citizenship_evidence: all,
        notes: all,
        home_address: PAYLOADS[0],
        family_contacts: PAYLOADS[2],
        medical_notes: PAYLOADS[3],
        consent: { publish: true },
        sources: [{ source: "s-xss", quote: all.slice(0, 2000) }],
      },
      OPERATOR,
    );
    await recordEvent(
      app.store.db,
      {
        person: "xss-person",
        type: "ARREST",
        when: "2025-05-01",
        tz: "UTC",
        place: PAYLOADS[2],
        summary: all.slice(0, 2000),
        sources: [{ source: "s-xss" }],
      },
      OPERATOR,
    );
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const PAGES = [
    "/",
    "/people",
    "/people/xss-person",
    "/sources",
    "/orders",
    `/search?q=${encodeURIComponent("xss")}`,
    `/login?next=${encodeURIComponent(PAYLOADS[1] as string)}`,
    "/family",
  ];
  const STAFF_PAGES = ["/workspace", "/people/xss-person/edit", "/review"];

  for (const signedIn of [false, true]) {
    test(`nothing runs on the pages that show it${signedIn ? " (signed in as a lawyer)" : ""}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const ran: string[] = [];
      page.on("dialog", async (d) => {
        ran.push(`${page.url()}: dialog "${d.message()}"`);
        await d.dismiss();
      });
      try {
        if (signedIn) await signIn(page, app.url, LAWYER);
        for (const path of [...PAGES, ...(signedIn ? STAFF_PAGES : [])]) {
          await page.goto(`${app.url}${path}`);
          await page.waitForLoadState("load");
          // Focus and click what a payload might have planted, as a visitor could.
          await page
            .locator("#xss-link")
            .click({ timeout: 500 })
            .catch(() => {});
          await page.keyboard.press("Tab");
          const found = (await page.evaluate(FIND_INJECTED)) as string[];
          assert.deepEqual(found, [], `${path}: injected markup`);
        }
        assert.deepEqual(ran, [], "a payload ran");
      } finally {
        await context.close();
      }
    });
  }
});
