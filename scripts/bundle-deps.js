// Start-up: two libraries every database command loads are hundreds of small ES modules (kysely's entry
// pulls in 262 files, zod's 95), and Node pays for each one (resolution, package.json reads, a module
// record, linking): 60–90 ms of a ~210 ms command on this 2-core machine. Here, after `npm install`,
// esbuild joins each into one file under node_modules/.cache/habeas/ (nothing is committed), and
// bin/bundled-deps.js has Node load that file wherever the package's own entry would have been loaded.
// Run by scripts/postinstall.js; `node scripts/bundle-deps.js` does it again by hand.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Packages of many modules that a command loads whole; each one is bundled alone (no other package inside). */
const PACKAGES = ["kysely", "zod"];
const OUT = new URL("../node_modules/.cache/habeas/", import.meta.url);

/** The package.json of the package `name` that holds `file` (not every package exports its package.json). */
function packageJsonOf(file, name) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, "package.json");
    if (existsSync(p) && JSON.parse(readFileSync(p, "utf8")).name === name) return p;
  }
  throw new Error(`no package.json of ${name} above ${file}`);
}

/**
 * Bundles PACKAGES and writes the manifest bin/bundled-deps.js reads: for each package, the URL of the
 * entry Node resolves `import "<name>"` to, the bundle's URL, and the size and time of the package's
 * package.json (a reinstall of another version changes them, and the bundle is then not used).
 * Returns a line saying what it did; never throws (without a bundle, habeas loads the packages as they are).
 */
export async function bundleDeps() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch (e) {
    return `habeas: start-up bundles not made (esbuild did not load: ${e.message})`;
  }
  try {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const deps = [];
    for (const name of PACKAGES) {
      const entry = import.meta.resolve(name);
      const pkgJson = packageJsonOf(fileURLToPath(entry), name);
      const outfile = fileURLToPath(new URL(`${name}.mjs`, OUT));
      await esbuild.build({
        entryPoints: [fileURLToPath(entry)],
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node22",
        packages: "external",
        sourcemap: "linked",
        outfile,
        logLevel: "error",
      });
      const s = statSync(pkgJson);
      deps.push({
        entry,
        bundle: pathToFileURL(outfile).href,
        packageJson: pkgJson,
        size: s.size,
        mtimeMs: s.mtimeMs,
      });
    }
    writeFileSync(new URL("bundled-deps.json", OUT), `${JSON.stringify({ deps }, null, 1)}\n`);
    return `habeas: start-up bundles made for ${PACKAGES.join(", ")}`;
  } catch (e) {
    rmSync(OUT, { recursive: true, force: true });
    return `habeas: start-up bundles not made (${e.message})`;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await bundleDeps());
