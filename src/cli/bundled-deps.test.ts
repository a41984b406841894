// The start-up bundles (scripts/bundle-deps.js makes them, bin/bundled-deps.js loads them): used only while
// the package is the one that was bundled, and a bundle offers what its package offers.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const HOOK = new URL("../../bin/bundled-deps.js", import.meta.url).href;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const INSTALLED = join(ROOT, "node_modules/.cache/habeas/bundled-deps.json");

test("a bundle is used only while its package is the one bundled and its file is there", async () => {
  const { bundleMap } = (await import(HOOK)) as {
    bundleMap: (u: URL) => Map<string, string> | undefined;
  };
  const dir = mkdtempSync(join(tmpdir(), "habeas-bundles-"));
  try {
    const pkg = join(dir, "package.json");
    const bundle = join(dir, "lib.mjs");
    const manifest = pathToFileURL(join(dir, "bundled-deps.json"));
    writeFileSync(pkg, '{"name":"lib","version":"1.0.0"}');
    writeFileSync(bundle, "export const x = 1;\n");
    const write = () => {
      const s = statSync(pkg);
      const dep = { entry: "file:///x/lib/index.js", bundle: pathToFileURL(bundle).href, packageJson: pkg };
      writeFileSync(manifest, JSON.stringify({ deps: [{ ...dep, size: s.size, mtimeMs: s.mtimeMs }] }));
    };
    write();
    assert.deepEqual(
      [...(bundleMap(manifest) ?? [])],
      [["file:///x/lib/index.js", pathToFileURL(bundle).href]],
    );

    // Another version installed since: its package.json differs, and the package loads as it is.
    writeFileSync(pkg, '{"name":"lib","version":"1.0.10"}');
    assert.equal(bundleMap(manifest), undefined);
    write();
    assert.ok(bundleMap(manifest));
    rmSync(bundle);
    assert.equal(bundleMap(manifest), undefined, "a bundle whose file is gone");

    for (const text of ["", "not json", "{}", '{"deps":3}', '{"deps":[{"packageJson":7}]}']) {
      writeFileSync(manifest, text);
      assert.equal(bundleMap(manifest), undefined, text);
    }
    assert.equal(bundleMap(pathToFileURL(join(dir, "none.json"))), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The names kysely and zod export, and where `import "kysely"` went, in a process of its own. */
function exportsIn(bundled: boolean): { kysely: string[]; zod: string[]; url: string } {
  const script = `
    const k = await import("kysely"), z = await import("zod");
    console.log(JSON.stringify({ kysely: Object.keys(k).sort(), zod: Object.keys(z).sort(), url: import.meta.resolve("kysely") }));`;
  const out = execFileSync(process.execPath, ["--import", HOOK, "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", HABEAS_BUNDLED_DEPS: bundled ? "1" : "0" },
  });
  return JSON.parse(out);
}

test("the installed bundles are what the command loads, and export what the packages export", (t) => {
  if (!existsSync(INSTALLED)) {
    // npm install makes them (scripts/postinstall.js); CI runs on a fresh install, so there they must exist.
    if (process.env.CI) assert.fail(`no start-up bundles after npm install: ${INSTALLED}`);
    t.skip("no start-up bundles here (run node scripts/bundle-deps.js)");
    return;
  }
  const bundled = exportsIn(true);
  const plain = exportsIn(false);
  assert.match(bundled.url, /\/node_modules\/\.cache\/habeas\/kysely\.mjs$/);
  assert.match(plain.url, /\/node_modules\/kysely\//);
  assert.ok(plain.kysely.includes("Kysely") && plain.zod.includes("z"));
  assert.deepEqual(bundled.kysely, plain.kysely);
  assert.deepEqual(bundled.zod, plain.zod);
});
