// A node:test reporter that writes, when the run ends, one JSON line: every top-level test with its file and
// duration. scripts/test.js reads it to print the slowest tests and files after the summary.
export default async function* durations(source) {
  const tests = [];
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const d = event.data;
    // Top-level tests only (a suite's time includes its tests'); a file that failed to load has none.
    if (d.nesting !== 0 || !d.file) continue;
    tests.push({
      name: d.name,
      file: d.file,
      ms: Math.round(d.details?.duration_ms ?? 0),
      failed: event.type === "test:fail",
    });
  }
  yield `${JSON.stringify(tests)}\n`;
}
