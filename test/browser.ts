// Browser tests' shared helpers: Debian's Chromium driven by playwright-core (which downloads no browser),
// and the real app on a random 127.0.0.1 port over a fresh SQLite store with the demo (or the fixtures).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { DatasetSchema } from "../src/domain/model.ts";
import { createApp } from "../src/server/app.ts";
import { createUser } from "../src/services/accounts.ts";
import { DEMO_DATASET_PATH, loadDemo } from "../src/services/init-demo.ts";
import { loadDataset } from "../src/services/load-dataset.ts";
import { openStore, type Store } from "../src/store/db.ts";
import { miniDataset } from "./fixtures.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** Where Chromium is: $HABEAS_CHROMIUM, else Debian's usual paths. */
export function chromiumPath(): string | undefined {
  const given = process.env.HABEAS_CHROMIUM;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Why browser tests cannot run here, or false when they can. Under CI a missing Chromium is a failure,
 * not a skip: CI installs it (.ci/run).
 */
export function browserSkip(): string | false {
  if (chromiumPath()) return false;
  const msg = "Chromium not found (apt-get install chromium, or set HABEAS_CHROMIUM): browser tests skipped";
  if (process.env.CI)
    throw new Error(`${msg.replace(": browser tests skipped", "")}; CI must run the browser tests`);
  return msg;
}

/**
 * Headless Chromium with nothing running in the background. playwright-core gives every launch a fresh
 * temporary --user-data-dir and removes it on close, so no state survives between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

export type TestUser = {
  username: string;
  password: string;
  role: "viewer" | "volunteer" | "lawyer" | "admin";
  team?: string;
};

export const LAWYER: TestUser = {
  username: "lena.lawyer",
  password: "correct horse battery 42",
  role: "lawyer",
};
export const VOLUNTEER: TestUser = {
  username: "val.volunteer",
  password: "another long passphrase 7",
  role: "volunteer",
};

export type RunningApp = {
  url: string;
  store: Store;
  dataset: "demo" | "fixtures";
  close: () => Promise<void>;
};

/** The app as `habeas serve` runs it, on 127.0.0.1 and a port the OS picks, over a fresh SQLite file. */
export async function startApp(
  opts: { users?: TestUser[]; dataset?: "demo" | "fixtures" } = {},
): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), "habeas-browser-"));
  const store = await openStore({ engine: "sqlite", path: join(dir, "web.db") });
  const dataset = opts.dataset ?? (existsSync(DEMO_DATASET_PATH) ? "demo" : "fixtures");
  if (dataset === "demo") await loadDemo(store.db);
  else await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  for (const u of opts.users ?? []) await createUser(store.db, u);
  const { app } = createApp(store.db);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    dataset,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the real /login form, by its labels (English or Spanish). */
export async function signIn(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl}/login?lang=en`);
  await page.getByLabel(/user ?name|usuario/i).fill(user.username);
  await page.getByLabel(/password|contraseña/i).fill(user.password);
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: /sign in|entrar/i }).click(),
  ]);
}
