// After `npm install`: make sure native addons load in the Node that runs habeas.
// npm scripts run the Node 24 from the `node` package (node_modules/.bin comes first on PATH),
// but a machine with an older Node may have compiled better-sqlite3 against its own headers.
// When the addon does not load here, rebuild it against the headers shipped with that Node.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `habeas needs Node >= 22; this is ${process.version}. The 'node' dependency should have installed Node 24 — run npm install again.`,
  );
  process.exit(1);
}

function loads() {
  try {
    const Database = require("better-sqlite3");
    new Database(":memory:").close();
    return true;
  } catch {
    return false;
  }
}

function findHeaders() {
  const home = dirname(dirname(process.execPath));
  const arch = `node-${process.platform}-${process.arch}`;
  const candidates = [home, join(home, "node_modules", arch), join(dirname(home), arch)];
  const found = candidates.find((dir) => existsSync(join(dir, "include", "node", "node.h")));
  if (found) return found;
  // npm prunes the platform package the `node` package installs for itself; fetch its
  // headers again from the npm registry (no other host is needed).
  const dir = join(tmpdir(), `habeas-node-headers-${process.version}`);
  const pkgDir = join(dir, "package");
  if (!existsSync(join(pkgDir, "include", "node", "node.h"))) {
    mkdirSync(dir, { recursive: true });
    const tgz = execFileSync("npm", ["pack", `${arch}@${process.versions.node}`, "--silent"], { cwd: dir })
      .toString()
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["-xzf", join(dir, tgz ?? ""), "-C", dir, "package/include", "package/package.json"]);
  }
  return existsSync(join(pkgDir, "include", "node", "node.h")) ? pkgDir : undefined;
}

if (!loads()) {
  // The `node` package ships its headers next to its binary: build offline against them.
  const headers = findHeaders();
  console.log(
    `habeas: building better-sqlite3 for Node ${process.version} (headers: ${headers ?? "default"})…`,
  );
  // Run node-gyp directly: npm's own config (e.g. a user-wide nodedir) would otherwise win.
  const npmCli = process.env.npm_execpath ?? require.resolve("npm/bin/npm-cli.js");
  const nodeGyp = join(dirname(dirname(npmCli)), "node_modules", "node-gyp", "bin", "node-gyp.js");
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_config_nodedir$/i.test(k)),
  );
  const args = [nodeGyp, "rebuild", "--release"];
  if (headers) args.push(`--nodedir=${headers}`);
  execFileSync(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    cwd: dirname(require.resolve("better-sqlite3/package.json")),
    env,
  });
  if (!loads()) {
    console.error("habeas: better-sqlite3 still does not load; see the build output above.");
    process.exit(1);
  }
}

// kysely and zod as one file each, for start-up (scripts/bundle-deps.js); habeas works without them.
const { bundleDeps } = await import("./bundle-deps.js");
console.log(await bundleDeps());
