// Documents on the record: the upload form and download of attachments, a page per source with the hash
// and capture time of its original (and the original itself as a download), and the docket upload form.
import type { Hono } from "hono";
import { html } from "hono/html";
import {
  type AttachmentMeta,
  attachFile,
  attachmentsOf,
  getAttachment,
  getSourceOriginal,
  recordPath,
  resolveRecord,
  type SubjectRef,
} from "../../services/attachments.ts";
import { getSource } from "../../services/catalog.ts";
import { importJsonBytes } from "../../services/import-file.ts";
import type { Database } from "../../services/store.ts";
import { label } from "../i18n/index.ts";
import { type Env, param, type router } from "../routes.ts";
import { download, uploadedFile, uploadLimit } from "../uploads.ts";
import { csrfField } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";

const mib = (bytes: number) => Math.floor(bytes / 1048576);

/** The documents of a record and, for writers, the form that adds one. */
export function attachmentsSection(
  p: Page,
  ref: SubjectRef,
  list: AttachmentMeta[],
  maxBytes: number,
  choices: { value: string; label: string }[] = [],
) {
  if (!p.staff) return "";
  const id = `att-${ref.kind}-${ref.id}`;
  return html`<section aria-labelledby="${id}-h" class="attachments">
    <h2 id="${id}-h">${p.t("attach.title")}</h2>
    ${
      list.length
        ? html`<ul class="plain">${list.map(
            (a) => html`<li><a href="/attachments/${a.id}" download>${a.file_name}</a>
              <span class="muted">${a.media_type} · ${p.number(Math.ceil(a.size / 1024))} KiB · ${p.date(a.captured_at)}</span>
              ${a.restricted ? html`<span class="badge restricted">${p.t("attach.sealed")}</span>` : ""}
              <br /><code class="hash">sha256 ${a.sha256}</code></li>`,
          )}</ul>`
        : html`<p class="empty">${p.t("attach.none")}</p>`
    }
    ${
      p.mayWrite
        ? html`<form method="post" action="/attachments" enctype="multipart/form-data" class="upload">
          ${csrfField(p)}
          ${
            choices.length
              ? html`<label for="${id}-record">${p.t("attach.to")}</label>
            <select id="${id}-record" name="record">
              <option value="${ref.kind}:${ref.id}">${p.t("attach.toPerson")}</option>
              ${choices.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
            </select>`
              : html`<input type="hidden" name="record" value="${ref.kind}:${ref.id}" />`
          }
          <label for="${id}-file">${p.t("attach.file")}</label>
          <p class="hint" id="${id}-hint">${p.t("attach.hint", { mb: mib(maxBytes) })}</p>
          <input id="${id}-file" name="file" type="file" required aria-describedby="${id}-hint"
            accept=".pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,.heic,.docx,.mp3,.m4a,.aac,.ogg,.opus,.wav,.webm,.amr,.flac" />
          <button type="submit">${p.t("attach.button")}</button>
        </form>`
        : ""
    }
  </section>`;
}

export function registerDocumentPages(r: ReturnType<typeof router>, db: Database, _app: Hono<Env>) {
  r.add(
    { method: "POST", path: "/attachments", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const file = await uploadedFile(c);
      const ref = await resolveRecord(db, file.fields.record ?? "", p.viewer);
      await attachFile(db, ref, file, p.viewer, { maxBytes: uploadLimit(c) });
      return c.redirect(await recordPath(db, ref), 303);
    },
  );
  r.add(
    { method: "GET", path: "/attachments/:id", action: "read", resource: "case", kind: "page" },
    async (c) => download(c, await getAttachment(db, param(c, "id"), pageOf(c).viewer)),
  );
  r.add(
    { method: "GET", path: "/sources/:id/original", action: "read", resource: "public", kind: "page" },
    async (c) => download(c, await getSourceOriginal(db, param(c, "id"), pageOf(c).viewer)),
  );
  r.add(
    { method: "GET", path: "/sources/:id", action: "read", resource: "public", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const s = await getSource(db, param(c, "id"), p.viewer);
      const ref: SubjectRef = { kind: "source", id: s.id };
      const list = p.staff ? await attachmentsOf(db, ref, p.viewer) : [];
      const saved = p.url.searchParams.get("saved") === "attach";
      return render(c, {
        title: s.title,
        body: html`<article class="source">
        ${saved ? html`<p class="notice ok" role="status">${p.t("attach.saved")}</p>` : ""}
        <p class="muted">${p.t("source.page")}</p>
        <h1>${s.title}</h1>
        <dl class="facts">
          <dt>${p.t("source.publisher")}</dt><dd>${s.publisher}</dd>
          ${s.url ? html`<dt>URL</dt><dd><a href="${s.url}" rel="noopener noreferrer">${s.url}</a></dd>` : ""}
          ${s.published_on ? html`<dt>${p.t("source.publishedOn")}</dt><dd>${p.date(s.published_on)}</dd>` : ""}
          <dt>${p.t("source.kind")}</dt><dd>${label(p.lang, "sourceKind", s.kind)} · ${label(p.lang, "reliability", s.reliability)}</dd>
          ${s.captured_at ? html`<dt>${p.t("source.captured")}</dt><dd><time datetime="${s.captured_at}">${p.date(s.captured_at)} ${s.captured_at.slice(11, 16)} UTC</time></dd>` : ""}
          ${s.capture_sha256 ? html`<dt>${p.t("source.hash")}</dt><dd><code class="hash">${s.capture_sha256}</code></dd>` : ""}
        </dl>
        ${
          s.capture_sha256
            ? html`<p><a class="button secondary" href="/sources/${s.id}/original" download>${p.t("source.original")}</a></p>`
            : html`<p class="empty">${p.t("source.noOriginal")}</p>`
        }
        ${attachmentsSection(p, ref, list, uploadLimit(c))}
      </article>`,
      });
    },
  );

  const docketForm = (p: Page, notice?: string) => html`<h1>${p.t("docket.title")}</h1>
    <p class="lede">${p.t("docket.lede")}</p>
    ${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ""}
    <form method="post" action="/import/docket" enctype="multipart/form-data" class="upload">
      ${csrfField(p)}
      <label for="docket-file">${p.t("docket.file")}</label>
      <input id="docket-file" name="file" type="file" accept=".json,application/json" required />
      <button type="submit">${p.t("docket.button")}</button>
    </form>`;
  r.add({ method: "GET", path: "/import/docket", action: "write", resource: "import", kind: "page" }, (c) => {
    const p = pageOf(c);
    return render(c, { title: p.t("docket.title"), body: docketForm(p) });
  });
  r.add(
    { method: "POST", path: "/import/docket", action: "write", resource: "import", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const file = await uploadedFile(c);
      const r2 = await importJsonBytes(db, file, p.viewer);
      const notes =
        r2.kind === "docket"
          ? r2.dockets.map((d) =>
              p.t("docket.done", {
                case: d.case_name,
                court: d.court,
                docket: d.docket_number,
                entries: d.entries,
                fresh: d.new_entries,
                orders: d.orders,
                proposals: d.proposals,
              }),
            )
          : [`${r2.people} people, ${r2.events} events, ${r2.sources} sources`];
      const links =
        r2.kind === "docket"
          ? html`<ul class="plain">${r2.dockets.map((d) => html`<li><a href="/matters/${d.matter}">${d.case_name}</a> <span class="muted">${d.matter}</span></li>`)}</ul>`
          : "";
      return render(c, { title: p.t("docket.title"), body: html`${docketForm(p, notes.join(" "))}${links}` });
    },
  );
}
