// Enforces the layering in docs/ARCHITECTURE.md: each folder of src/ imports only the layers below it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = dirname(fileURLToPath(import.meta.url));

// Which internal layers each layer may import ("config" is src/config.ts). cli → server is the one
// adapter-to-adapter edge: the `serve` command is the process that hosts the server.
const ALLOWED: Record<string, readonly string[]> = {
  domain: ["domain"],
  rules: ["rules", "domain"],
  ingest: ["ingest", "domain"],
  store: ["store", "domain"],
  services: ["services", "domain", "rules", "ingest", "store", "config"],
  server: ["server", "services", "domain", "config"],
  cli: ["cli", "services", "domain", "config", "server"],
  config: ["domain"],
};
// npm packages a layer may use; domain stays pure (zod only), rules are pure too.
const PACKAGES: Record<string, RegExp> = {
  domain: /^zod$/,
  rules: /^zod$/,
};

function layerOf(file: string): string {
  const rel = relative(SRC, file);
  if (rel === "config.ts" || rel === "config.test.ts") return "config";
  return rel.split("/")[0] ?? "";
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

test("every import follows the layering", () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (file === fileURLToPath(import.meta.url)) continue;
    const layer = layerOf(file);
    if (!ALLOWED[layer]) {
      violations.push(`${relative(SRC, file)}: not in a known layer`);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const isTest = file.endsWith(".test.ts");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? "";
      if (spec.startsWith("node:")) {
        if ((layer === "domain" || layer === "rules") && !isTest)
          violations.push(`${relative(SRC, file)}: ${layer} is pure but imports ${spec}`);
        continue;
      }
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) {
          // Outside src/: only tests may reach shared test helpers and data.
          if (!isTest) violations.push(`${relative(SRC, file)}: imports ${spec} outside src/`);
          continue;
        }
        const to = layerOf(target);
        if (!ALLOWED[layer]?.includes(to))
          violations.push(`${relative(SRC, file)}: ${layer} may not import ${to} (${spec})`);
        continue;
      }
      const pkg = PACKAGES[layer];
      if (pkg && !pkg.test(spec) && !isTest)
        violations.push(`${relative(SRC, file)}: ${layer} may not use package ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});

test("nothing but the cli imports the server, and nothing imports the cli", () => {
  for (const file of sourceFiles(SRC)) {
    const layer = layerOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? "";
      if (!spec.startsWith(".")) continue;
      const to = layerOf(resolve(dirname(file), spec));
      if (to === "cli") assert.equal(layer, "cli", `${relative(SRC, file)} imports the cli`);
      if (to === "server")
        assert.ok(layer === "server" || layer === "cli", `${relative(SRC, file)} imports the server`);
    }
  }
});
