// Uploads and downloads: the routes that take files get their own size limit (the rest of the app keeps
// 1 MiB), and every file goes back out as a download that no browser renders or runs.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError, badInput } from "../domain/errors.ts";
import type { Env } from "./routes.ts";

/** POST routes that take a file. */
const UPLOAD_PATHS: ReadonlySet<string> = new Set([
  "/attachments",
  "/import/docket",
  "/workspace/spreadsheet",
]);
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Room for the multipart envelope and the other fields around the file. */
const ENVELOPE = 64 * 1024;

export function bodyLimits(maxUploadBytes: number): MiddlewareHandler {
  const small = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new AppError("TOO_LARGE", "request body is larger than 1 MiB");
    },
  });
  const large = bodyLimit({
    maxSize: maxUploadBytes + ENVELOPE,
    onError: () => {
      throw new AppError("TOO_LARGE", `the file is larger than ${Math.floor(maxUploadBytes / 1048576)} MiB`);
    },
  });
  return (c, next) => {
    c.set("uploadLimit", maxUploadBytes);
    return c.req.method === "POST" && UPLOAD_PATHS.has(c.req.path) ? large(c, next) : small(c, next);
  };
}

/** The largest file this server takes (for the forms' hints). */
export function uploadLimit(c: Context<Env>): number {
  const v = c.var.uploadLimit;
  return typeof v === "number" ? v : DEFAULT_MAX_UPLOAD_BYTES;
}

/** The one uploaded file in a multipart form field, as a name and bytes. */
export async function uploadedFile(
  c: Context,
  field = "file",
): Promise<{ name: string; bytes: Uint8Array; fields: Record<string, string> }> {
  const body = await c.req.parseBody();
  const f = body[field];
  if (!(f instanceof File) || f.size === 0) throw badInput("choose a file to upload");
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") fields[k] = v;
  return { name: f.name || "upload", bytes: new Uint8Array(await f.arrayBuffer()), fields };
}

/** Types a browser could render as a page or run: never sent as themselves. */
const ACTIVE = /html|xml|svg|javascript|ecmascript|x-sh|pdf-active/i;

/** A download: attachment disposition, no sniffing, no rendering, not cached by shared caches. */
export function download(
  c: Context,
  d: { file_name: string; media_type: string; sha256: string; bytes: Uint8Array },
) {
  const ascii = d.file_name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return c.body(Buffer.from(d.bytes), 200, {
    "Content-Type": ACTIVE.test(d.media_type) ? "application/octet-stream" : d.media_type,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.file_name)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
    "X-Content-SHA256": d.sha256,
  });
}
