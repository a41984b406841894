// What an uploaded file really is, from its bytes (never from its name or the client's word): the kinds
// habeas keeps as documents — PDF, images, Word documents, audio — and nothing that a browser could run.

const ALLOWED: ReadonlyMap<string, string> = new Map([
  ["application/pdf", "pdf"],
  ["image/jpeg", "image"],
  ["image/png", "image"],
  ["image/gif", "image"],
  ["image/webp", "image"],
  ["image/tiff", "image"],
  ["image/heic", "image"],
  ["image/heif", "image"],
  ["image/bmp", "image"],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
  ["audio/mpeg", "audio"],
  ["audio/mp4", "audio"],
  ["audio/x-m4a", "audio"],
  ["audio/aac", "audio"],
  ["audio/ogg", "audio"],
  ["audio/opus", "audio"],
  ["audio/wav", "audio"],
  ["audio/vnd.wave", "audio"],
  ["audio/x-wav", "audio"],
  ["audio/webm", "audio"],
  ["audio/amr", "audio"],
  ["audio/flac", "audio"],
  ["audio/x-flac", "audio"],
  ["video/mp4", "audio"], // phone voice memos are often MP4 containers
]);

export type FileKind = { mediaType: string; ext: string; kind: string };

/** The sniffed type of a document, or undefined when it is not one habeas keeps (HTML, SVG, scripts …). */
export async function sniffDocument(bytes: Uint8Array): Promise<FileKind | undefined> {
  // Loaded on the first upload (~12 MB): most processes never sniff a file.
  const { fileTypeFromBuffer } = await import("file-type");
  const t = await fileTypeFromBuffer(bytes);
  const kind = t && ALLOWED.get(t.mime);
  return t && kind ? { mediaType: t.mime, ext: t.ext, kind } : undefined;
}

export const DOCUMENT_KINDS =
  "a PDF, an image (JPEG, PNG, GIF, WebP, TIFF, HEIC), a Word document (.docx) or audio";

/** A file name safe to keep and to send back: its last path part, no control characters, at most 200 chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch !== '"' && (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== "\u007f")
    .join("")
    .trim()
    .slice(-200);
  return clean || "file";
}
