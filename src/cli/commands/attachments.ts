// `habeas attach <record-id> <file>` and `habeas attachment get <id> --out FILE`: documents on records.
import { readFile, stat, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { loadConfig } from "../../config.ts";
import { AppError, badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command } from "../context.ts";
import { printJson } from "../output.ts";

export const attach: Command = {
  name: "attach",
  summary: "attach a document (PDF, image, .docx, audio) to a person, event, order or source",
  usage: "attach <record-id | person:ID | event:ID | order:ID | source:ID> <file> [--json]",
  async run(ctx, argv) {
    const { attachFile, resolveRecord } = await import("../../services/attachments.ts");
    const { positionals } = args(argv, {});
    const [record, file] = positionals;
    if (!record || !file || positionals.length > 2) throw badInput("give a record id and one file");
    const maxBytes = loadConfig(process.env, { db: ctx.db }).uploads.maxBytes;
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw badInput(`file not found: ${file}`);
    }
    if (size > maxBytes)
      throw new AppError(
        "TOO_LARGE",
        `${file} is larger than ${Math.floor(maxBytes / 1048576)} MiB (HABEAS_MAX_UPLOAD_MB)`,
      );
    const { db } = await ctx.store();
    const ref = await resolveRecord(db, record, OPERATOR);
    const a = await attachFile(db, ref, { name: basename(file), bytes: await readFile(file) }, OPERATOR, {
      maxBytes,
    });
    if (ctx.out.json) printJson(ctx.out, a);
    else
      ctx.out.write(
        `${a.id}  sha256 ${a.sha256}  (${a.media_type}, ${a.size} bytes, on ${a.subject_kind} ${a.subject_id}${a.restricted ? ", encrypted" : ""})`,
      );
    return 0;
  },
};

export const attachmentGet: Command = {
  name: "attachment get",
  summary: "write an attached document's original bytes to a file",
  usage: "attachment get <id> --out FILE [--json]",
  async run(ctx, argv) {
    const { getAttachment } = await import("../../services/attachments.ts");
    const { positionals, values } = args(argv, { out: { type: "string" } });
    const id = positionals[0];
    if (!id || positionals.length > 1) throw badInput("give exactly one attachment id");
    if (!values.out) throw badInput("give --out FILE: where to write the document");
    const { db } = await ctx.store();
    const a = await getAttachment(db, id, OPERATOR);
    await writeFile(values.out, a.bytes, { flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
      throw badInput(
        e.code === "EEXIST" ? `${values.out} already exists` : `cannot write ${values.out}: ${e.message}`,
      );
    });
    const { bytes: _bytes, meta, ...rest } = a;
    if (ctx.out.json) printJson(ctx.out, { ...meta, out: values.out });
    else ctx.out.write(`${values.out}: ${rest.file_name}, ${rest.media_type}, sha256 ${rest.sha256}`);
    return 0;
  },
};
