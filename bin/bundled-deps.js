// Loads the one-file bundles scripts/bundle-deps.js made after `npm install` in place of the packages'
// hundreds of modules (see there why). Imported for its effect by bin/habeas.js, and by the test runner's
// processes (`--import`). Nothing happens when there is no manifest, when a package was reinstalled since
// (its package.json changed), or with HABEAS_BUNDLED_DEPS=0: the packages then load as they are.
import { existsSync, readFileSync, statSync } from "node:fs";
import module from "node:module";

const MANIFEST = new URL("../node_modules/.cache/habeas/bundled-deps.json", import.meta.url);

/**
 * Entry URL → bundle URL, for each bundle in the manifest whose package is still the one bundled (same
 * package.json size and time) and whose file is there; undefined when none is.
 */
export function bundleMap(manifestUrl = MANIFEST) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
  } catch {
    return undefined;
  }
  const map = new Map();
  for (const d of Array.isArray(manifest?.deps) ? manifest.deps : []) {
    try {
      const s = statSync(d.packageJson);
      if (s.size === d.size && s.mtimeMs === d.mtimeMs && existsSync(new URL(d.bundle)))
        map.set(d.entry, d.bundle);
    } catch {}
  }
  return map.size ? map : undefined;
}

const map =
  process.env.HABEAS_BUNDLED_DEPS !== "0" && typeof module.registerHooks === "function"
    ? bundleMap()
    : undefined;
if (map) {
  // After Node's own resolution: only the exact installed entry that was bundled is replaced, whoever imports it.
  module.registerHooks({
    resolve(specifier, context, next) {
      const r = next(specifier, context);
      const bundle = map.get(r.url);
      return bundle ? { ...r, url: bundle } : r;
    },
  });
}
