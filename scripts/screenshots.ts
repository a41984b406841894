// Screenshots of the main pages for docs/screenshots/: desktop (1280 px) and phone (360 px), English and
// Spanish, taken from the real app over the demo data. Run by hand: node scripts/screenshots.ts
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { browserSkip, LAWYER, launchBrowser, signIn, startApp } from "../test/browser.ts";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const WIDTHS = {
  desktop: { width: 1280, height: 900, clip: 1300 },
  phone: { width: 360, height: 740, clip: 1600 },
};
const LANGS = ["en", "es"] as const;

const skip = browserSkip();
if (skip) {
  console.error(skip);
  process.exit(1);
}

const app = await startApp({ users: [LAWYER] });
const browser = await launchBrowser();
const person = app.dataset === "demo" ? "kilmar-abrego-garcia" : "kaag";
const pages: {
  name: string;
  path: string;
  staff?: boolean;
  prepare?: (p: import("playwright-core").Page) => Promise<void>;
}[] = [
  { name: "dashboard", path: "/" },
  { name: "person", path: `/people/${person}`, staff: true },
  {
    name: "intake",
    path: "/intake",
    staff: true,
    prepare: async (p) => {
      // Show the form as it answers a bad submission: messages beside the fields.
      await p.locator("#f-a_number").fill("12-34");
      await p.locator("#f-arrest_date").fill("2031-01-01");
      await p.getByRole("button", { name: /open the case|abrir el caso/i }).click();
      await p.waitForLoadState("load");
    },
  },
  { name: "rights", path: "/rights" },
  { name: "search", path: "/search?q=Kilmer%20Abrego", staff: true },
];

mkdirSync(OUT, { recursive: true });
let total = 0;
try {
  for (const [device, size] of Object.entries(WIDTHS)) {
    for (const lang of LANGS) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
        locale: lang === "es" ? "es-US" : "en-US",
      });
      const page = await context.newPage();
      let signedIn = false;
      try {
        await signIn(page, app.url, LAWYER);
        signedIn = !page.url().includes("/login");
      } catch {
        signedIn = false;
      }
      if (!signedIn) console.error("(not signed in: staff views are shown as the public sees them)");
      for (const shot of pages) {
        await page.goto(`${app.url}${shot.path}${shot.path.includes("?") ? "&" : "?"}lang=${lang}`);
        if (shot.prepare && (!shot.staff || signedIn)) await shot.prepare(page);
        const file = `${OUT}${shot.name}-${device}-${lang}.png`;
        const height = Number(await page.evaluate("document.documentElement.scrollHeight"));
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width: size.width, height: Math.min(height, size.clip) },
        });
        total += statSync(file).size;
        console.log(
          `${file.replace(OUT, "docs/screenshots/")}  ${Math.round(statSync(file).size / 1024)} KB`,
        );
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
}
console.log(`total ${(total / 1024 / 1024).toFixed(2)} MB`);
