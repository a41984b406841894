import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { captureBytes, captureFile, cleanText, sniffMediaType } from "./capture.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const skip = !existsSync(CORPUS) && "../shared not present";

const enc = (s: string) => new TextEncoder().encode(s);

test("keeps the original bytes with their SHA-256 and the capture time", async () => {
  const bytes = enc("Title\n\nBody text of the article.");
  const cap = await captureBytes(bytes, "a.txt");
  assert.equal(cap.sha256, createHash("sha256").update(bytes).digest("hex"));
  assert.deepEqual(cap.bytes, bytes);
  assert.equal(cap.mediaType, "text/plain");
  assert.ok(Math.abs(Date.parse(cap.capturedAt) - Date.now()) < 5000);
});

test("HTML: Readability's article text, without share buttons, shop widgets or donation pleas", async () => {
  const html = `<!doctype html><html><head><title>Deported to CECOT | News</title></head><body>
  <nav><a href="/">Home</a><a href="/world">World</a></nav>
  <div class="share-buttons"><a>Share on Facebook</a><a>Tweet</a></div>
  <article><h1>Deported to CECOT</h1>
  <p>Andry José Hernández Romero, a makeup artist, was sent to El Salvador on March 15, his lawyer said in a long statement to reporters on Monday.</p>
  <p>“We have grave concerns about whether he can survive,” said Lindsay Toczylowski, who has represented him since his arrival in the United States last year.</p>
  <p>The government paid $6 million to hold the men in the prison, according to documents reviewed by reporters.</p>
  </article>
  <aside class="shop-widget">Daily Deals: 20% off mugs</aside>
  <p>Can you chip in today? Support independent journalism.</p>
  <footer>© News Inc</footer></body></html>`;
  const cap = await captureBytes(enc(html), "page.html");
  assert.equal(cap.mediaType, "text/html");
  assert.match(cap.text, /Andry José Hernández Romero, a makeup artist/);
  assert.match(cap.text, /Lindsay Toczylowski/);
  assert.doesNotMatch(cap.text, /Share on Facebook|Daily Deals|chip in|Home/);
  assert.ok(cap.title?.includes("CECOT"));
  assert.doesNotMatch(cap.text, /\n{3,}/);
});

test("Markdown: markup goes, words stay", async () => {
  const cap = await captureBytes(
    enc("# Title\n\nSee [the ruling](https://x.test/r.pdf) by **Judge Paula Xinis**.\n"),
    "n.md",
  );
  assert.equal(cap.mediaType, "text/markdown");
  assert.match(cap.text, /See the ruling by Judge Paula Xinis\./);
});

test("PDF: text of every page", async () => {
  const stream = "BT /F1 18 Tf 40 700 Td (Order of Judge Paula Xinis) Tj ET";
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const cap = await captureBytes(enc(pdf), "order.pdf");
  assert.equal(cap.mediaType, "application/pdf");
  assert.match(cap.text, /Order of Judge Paula Xinis/);
});

test("media type comes from the bytes when the name says nothing", () => {
  assert.equal(sniffMediaType(enc("%PDF-1.7 ..."), "download"), "application/pdf");
  assert.equal(sniffMediaType(enc("<!DOCTYPE html><html>"), "download"), "text/html");
  assert.equal(sniffMediaType(enc("plain words"), "download"), "text/plain");
});

test("boilerplate lines and runs of blank lines are dropped", () => {
  const t = cleanText("Body one.\n\n\n\n\nShare\nLeave a reply\nShopping cart\nBody two.");
  assert.equal(t, "Body one.\n\nBody two.");
});

test("a missing file is NOT_FOUND", async () => {
  await assert.rejects(
    captureFile("/nonexistent/file.txt"),
    (e: Error & { code?: string }) => e.code === "NOT_FOUND",
  );
});

test("a saved file: bytes and hash as on disk, Windows-1252 decoded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "habeas-capture-"));
  const path = join(dir, "latin1.txt");
  writeFileSync(
    path,
    Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x48, 0x65, 0x72, 0x6e, 0xe1, 0x6e, 0x64, 0x65, 0x7a]),
  );
  try {
    const cap = await captureFile(path);
    assert.equal(cap.text, "José Hernández");
    assert.equal(cap.sha256, createHash("sha256").update(readFileSync(path)).digest("hex"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("real seed article: the Daily Kos footer is boilerplate", { skip }, async () => {
  const cap = await captureFile(join(CORPUS, "seeds", "001_38b38ab778929121.txt"));
  assert.match(cap.text, /Leti Volpp/);
  assert.doesNotMatch(cap.text, /Can you chip in today|Shopping cart|Leave a reply/);
});
