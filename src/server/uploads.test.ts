// Uploads and downloads over HTTP on either engine: a document past the 1 MiB body limit, download headers,
// the 1 MiB limit everywhere else, source pages with hash, capture time and original.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { asSession, sessionsByRole } from "../../test/sessions.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR } from "../domain/policy.ts";
import { attachmentsOf } from "../services/attachments.ts";
import { importFile } from "../services/import-file.ts";
import { createPerson } from "../services/record-case.ts";
import { createApp } from "./app.ts";

const pdf = (extra = "") => Buffer.from(`%PDF-1.4\n1 0 obj\n<<>>\nendobj\n${extra}trailer\n<<>>\n%%EOF\n`);
let store: TestStore;
let dir: string;
before(async () => {
  store = await openTestStore();
  dir = mkdtempSync(join(tmpdir(), "habeas-upload-"));
  await createPerson(
    store.db,
    { id: "public-one", full_name: "Bea Public", consent: { publish: true } },
    OPERATOR,
  );
  const path = join(dir, "docket.json");
  writeFileSync(
    path,
    JSON.stringify({
      court_id: "nysd",
      docket_number: "1:25-cv-00001",
      case_name: "Doe v. Roe",
      docket_entries: [
        { date_filed: "2025-01-02", description: "COMPLAINT against Roe.", document_number: "1" },
      ],
    }),
  );
  await importFile(store.db, path, OPERATOR);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`[${TEST_ENGINE}] HTTP: a lawyer uploads past the 1 MiB body limit and downloads as an attachment`, async () => {
  const { app } = createApp(store.db, { maxUploadBytes: 4 * 1024 * 1024 });
  const s = await sessionsByRole(app, store.db, "att");
  const big = pdf(`% ${"x".repeat(1_500_000)}\n`);
  const form = new FormData();
  form.set("_csrf", s.lawyer.csrf);
  form.set("record", "person:public-one");
  form.set("file", new File([big], "ruling <1>.pdf", { type: "text/html" }));
  const up = await app.request("/attachments", { method: "POST", body: form, headers: asSession(s.lawyer) });
  assert.equal(up.status, 303, await up.clone().text());
  assert.match(up.headers.get("location") ?? "", /^\/people\/public-one\?saved=attach/);
  const list = await attachmentsOf(store.db, { kind: "person", id: "public-one" }, OPERATOR);
  const a = list.find((x) => x.size === big.length);
  assert.ok(a);
  const page = await app.request("/people/public-one", { headers: asSession(s.lawyer) });
  assert.match(await page.text(), new RegExp(`/attachments/${a.id}`));
  const res = await app.request(`/attachments/${a.id}`, { headers: asSession(s.viewer) });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.match(
    res.headers.get("content-disposition") ?? "",
    /^attachment; filename="ruling <1>.pdf"; filename\*=UTF-8''ruling%20%3C1%3E.pdf$/,
  );
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), big);
  const anon = await app.request(`/attachments/${a.id}`, { headers: { accept: "application/json" } });
  assert.equal(anon.status, 401);
  // Every other route keeps the 1 MiB limit.
  const json = await app.request("/api/people", {
    method: "POST",
    body: JSON.stringify({ full_name: "x".repeat(1_200_000) }),
    headers: asSession(s.lawyer, { "content-type": "application/json" }),
  });
  assert.equal(json.status, 413);
  // A source page shows the hash and capture time and offers the original as a download.
  const srcPage = await (await app.request("/sources/docket-nysd-1-25-cv-00001.e1")).text();
  assert.match(srcPage, /[a-f0-9]{64}/);
  const orig = await app.request("/sources/docket-nysd-1-25-cv-00001.e1/original");
  assert.equal(orig.status, 200);
  assert.match(orig.headers.get("content-disposition") ?? "", /^attachment;/);
});

test(`[${TEST_ENGINE}] HTTP: a lawyer uploads a docket through the form; the matter page shows its entries`, async () => {
  const { app } = createApp(store.db);
  const s = await sessionsByRole(app, store.db, "dk");
  const docket = {
    court_id: "cacd",
    docket_number: "2:25-cv-00999",
    case_name: "Roe v. Doe",
    nature_of_suit: "820 Copyright",
    docket_entries: [
      { date_filed: "2025-02-01", description: "COMPLAINT against Doe.", document_number: "1" },
      { date_filed: "2025-02-03", description: "ORDER TO SHOW CAUSE re service.", document_number: "2" },
    ],
  };
  const form = (who: { csrf: string }) => {
    const f = new FormData();
    f.set("_csrf", who.csrf);
    f.set("file", new File([JSON.stringify(docket)], "roe.json", { type: "application/json" }));
    return f;
  };
  const denied = await app.request("/import/docket", {
    method: "POST",
    body: form(s.volunteer),
    headers: asSession(s.volunteer),
  });
  assert.equal(denied.status, 403);
  const res = await app.request("/import/docket", {
    method: "POST",
    body: form(s.lawyer),
    headers: asSession(s.lawyer),
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Central District of California/);
  const bad = new FormData();
  bad.set("_csrf", s.lawyer.csrf);
  bad.set("file", new File(['{"hello": "world"}'], "x.json"));
  const refused = await app.request("/import/docket", {
    method: "POST",
    body: bad,
    headers: asSession(s.lawyer),
  });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /not a file habeas can import/);
  const anon = await app.request("/matters/docket-cacd-2-25-cv-00999");
  assert.equal(anon.status, 404, "a matter about no one on record is not public");
  const page = await (
    await app.request("/matters/docket-cacd-2-25-cv-00999", { headers: asSession(s.viewer) })
  ).text();
  assert.match(page, /Order to show cause/);
  assert.match(page, /820 Copyright/);
  assert.match(page, /href="\/sources\/docket-cacd-2-25-cv-00999\.e2"/);
});
