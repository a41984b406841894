// Captured HTML made safe to show: a small allow-list of text tags survives, links keep only http(s) and
// mailto targets, every attribute else is dropped, and script-like elements go with their contents.
// Everything else in the app is escaped by Hono's html template; this is for the rare page that must
// show an ingested page's structure. Nothing from an ingested page ever runs.
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { parseHTML } from "linkedom";

const KEEP = new Set([
  "p",
  "br",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "small",
  "sub",
  "sup",
  "mark",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "q",
  "cite",
  "code",
  "pre",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "caption",
  "hr",
  "a",
]);
// Removed with everything inside them: code, styles, embedded documents, forms, vector and math islands.
const DROP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "link",
  "meta",
  "base",
  "head",
  "title",
  "img",
  "video",
  "audio",
  "source",
  "track",
  "canvas",
  "picture",
  "portal",
  "dialog",
]);
const SAFE_URL = /^(https?:|mailto:)/i;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

type Node = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
} & {
  getAttribute?: (name: string) => string | null;
};

function walk(node: Node, depth: number): string {
  if (depth > 64) return "";
  if (node.nodeType === 3) return escapeHtml(node.textContent ?? "");
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return "";
  const tag = node.nodeName.toLowerCase();
  if (DROP.has(tag)) return "";
  const inner = Array.from(node.childNodes, (ch) => walk(ch, depth + 1)).join("");
  if (node.nodeType !== 1 || !KEEP.has(tag)) return inner;
  if (tag === "br" || tag === "hr") return `<${tag}>`;
  if (tag === "a") {
    // Strip control characters and whitespace browsers ignore inside a scheme ("java\tscript:").
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    const href = (node.getAttribute?.("href") ?? "").replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
    return SAFE_URL.test(href)
      ? `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${inner}</a>`
      : inner;
  }
  return `<${tag}>${inner}</${tag}>`;
}

/** Sanitized HTML, ready to embed in an html`` template. */
export function sanitizeHtml(input: string): HtmlEscapedString {
  const { document } = parseHTML(`<!doctype html><html><body><div id="habeas-root"></div></body></html>`);
  const root = document.getElementById("habeas-root");
  if (!root) return raw("");
  root.innerHTML = input.slice(0, 2_000_000);
  return raw(walk(root as unknown as Node, 0)) as HtmlEscapedString;
}
