#!/usr/bin/env node
// The `habeas` command. habeas runs its TypeScript directly on Node >= 22.6 (type stripping);
// on an older Node, re-run this script with the Node 24 that `npm install` put in node_modules.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const bundled = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url));
  if (existsSync(bundled) && process.execPath !== bundled) {
    const r = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
    });
    process.exit(r.status ?? 1);
  }
  console.error(
    `habeas: needs Node >= 22.18 (this is ${process.version}); run 'npm install' to get Node 24.`,
  );
  process.exit(1);
}
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
