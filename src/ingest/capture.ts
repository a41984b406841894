// Source capture (Berkeley Protocol): keep the original bytes with their SHA-256 and capture time, then readable text.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { AppError, badInput } from "../domain/errors.ts";

export type MediaType = "text/plain" | "text/markdown" | "text/html" | "application/pdf";

export type Capture = {
  sha256: string;
  bytes: Uint8Array;
  mediaType: MediaType;
  text: string;
  title?: string;
  /** ISO 8601 time the bytes were read. */
  capturedAt: string;
  name: string;
};

/** Largest file accepted: articles and court PDFs, not archives. */
export const MAX_CAPTURE_BYTES = 50 * 1024 * 1024;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Media type from the name, then from the first bytes ("%PDF-", "<html"). */
export function sniffMediaType(bytes: Uint8Array, name: string): MediaType {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return "application/pdf";
  const ext = extname(name).toLowerCase();
  if (ext === ".pdf") return "application/pdf";
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml") return "text/html";
  if (ext === ".md" || ext === ".markdown") return "text/markdown";
  if (
    head.startsWith("<!doctype html") ||
    head.startsWith("<html") ||
    /<(?:head|body|article)[\s>]/.test(head)
  ) {
    return "text/html";
  }
  return "text/plain";
}

export async function captureFile(path: string): Promise<Capture> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("NOT_FOUND", `no such file: ${path}`);
    throw badInput(`cannot read ${path}: ${(e as Error).message}`);
  }
  return captureBytes(bytes, basename(path));
}

export async function captureBytes(bytes: Uint8Array, name: string): Promise<Capture> {
  if (bytes.length > MAX_CAPTURE_BYTES)
    throw new AppError("TOO_LARGE", `${name} is larger than ${MAX_CAPTURE_BYTES} bytes`);
  const capturedAt = new Date().toISOString();
  const sha256 = sha256Hex(bytes);
  const mediaType = sniffMediaType(bytes, name);
  const copy = new Uint8Array(bytes);
  if (mediaType === "application/pdf") {
    const text = await pdfText(copy, name);
    return { sha256, bytes: copy, mediaType, text: cleanText(text), capturedAt, name };
  }
  const raw = decodeText(bytes);
  if (mediaType === "text/html") {
    const { text, title } = htmlText(raw);
    return { sha256, bytes: copy, mediaType, text: cleanText(text), title, capturedAt, name };
  }
  const text = mediaType === "text/markdown" ? markdownText(raw) : raw;
  return { sha256, bytes: copy, mediaType, text: cleanText(text), capturedAt, name };
}

/** UTF-8 (with or without BOM), falling back to Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  try {
    const { extractText, getDocumentProxy } = await import("unpdf");
    const pdf = await getDocumentProxy(bytes);
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch (e) {
    throw badInput(`cannot read PDF ${name}: ${(e as Error).message}`);
  }
}

const BOILERPLATE_SELECTORS = [
  "script",
  "style",
  "noscript",
  "iframe",
  "form",
  "nav",
  "aside",
  "footer",
  "[class*=share]",
  "[class*=social]",
  "[class*=newsletter]",
  "[class*=subscribe]",
  "[class*=donat]",
  "[class*=related]",
  "[class*=advert]",
  "[class*=promo]",
  "[class*=cart]",
  "[class*=shop]",
  "[id*=share]",
  "[id*=newsletter]",
  "[id*=comments]",
];

/** Readable text of an HTML page: Readability's article, or the cleaned body when it finds none. */
export function htmlText(html: string): { text: string; title?: string } {
  const { document } = parseHTML(html);
  const title = document.querySelector("title")?.textContent?.trim() || undefined;
  for (const sel of BOILERPLATE_SELECTORS) {
    for (const el of [...document.querySelectorAll(sel)]) el.remove();
  }
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(document as never, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  const source = article?.content
    ? parseHTML(`<html><body>${article.content}</body></html>`).document
    : document;
  const text = blockText(source.body ?? source.documentElement);
  return { text, title: article?.title?.trim() || title };
}

const BLOCK = new Set([
  "P",
  "DIV",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "TR",
  "SECTION",
  "ARTICLE",
  "HEADER",
  "FIGCAPTION",
  "BR",
]);

/** Text with one paragraph per block element. */
function blockText(root: { childNodes: ArrayLike<unknown> } | null): string {
  const parts: string[] = [];
  let line = "";
  const walk = (node: {
    nodeType: number;
    nodeName: string;
    textContent: string | null;
    childNodes: ArrayLike<unknown>;
  }) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? "";
      return;
    }
    const block = BLOCK.has(node.nodeName.toUpperCase());
    if (block && line.trim()) {
      parts.push(line);
      line = "";
    }
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block && line.trim()) {
      parts.push(line);
      line = "";
    }
  };
  if (root) for (const child of Array.from(root.childNodes)) walk(child as Parameters<typeof walk>[0]);
  if (line.trim()) parts.push(line);
  return parts.map((p) => p.replace(/[ \t\u00a0]+/g, " ").trim()).join("\n\n");
}

/** Markdown to plain text: links and images keep their words, markup goes. */
function markdownText(md: string): string {
  return md
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*>\s?/gm, "")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/^\s*[-*+]\s+/gm, "")
    .replace(/`{1,3}/g, "");
}

// Lines that belong to the page, not the article: share rows, shop widgets, donation pleas, sign-up prompts.
const BOILERPLATE_LINE =
  /^(?:share(?: this)?(?: on \w+)?|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin|reddit|pinterest|advertisement|publicidad|shopping cart|cart|daily deals|logo|leave a reply|we will be happy to hear your thoughts|subscribe(?: now)?|sign up.*newsletter.*|suscr[ií]bete.*|author|read more|leer más|related(?: articles| stories)?|comments?|\d+ min read|skip to (?:main )?content|menu|search|home)$/i;
const DONATION =
  /\b(?:chip in|donate|donation|support (?:our|independent) journalism|supported by readers like you|become a (?:member|patron)|dona ahora|haz una donaci[oó]n)\b/i;

/** Drops boilerplate lines and runs of blank lines; keeps paragraphs. */
export function cleanText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t && (BOILERPLATE_LINE.test(t) || (DONATION.test(t) && t.length < 400))) continue;
    kept.push(line.replace(/[ \t]+$/, ""));
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
