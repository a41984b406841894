// Documents attached to records, on either engine: sniffed types, limits, sealing of private records,
// visibility, audited downloads, source originals.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { rawAttachment } from "../store/attachments.ts";
import { savePerson } from "../store/people.ts";
import { attachFile, attachmentsOf, getAttachment, getSourceOriginal, resolveRecord } from "./attachments.ts";
import { recentAudit } from "./audit.ts";
import { importFile } from "./import-file.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const pdf = (extra = "") => Buffer.from(`%PDF-1.4\n1 0 obj\n<<>>\nendobj\n${extra}trailer\n<<>>\n%%EOF\n`);
const LIMIT = { maxBytes: 2 * 1024 * 1024 };
let store: TestStore;
let dir: string;
before(async () => {
  store = await openTestStore();
  dir = mkdtempSync(join(tmpdir(), "habeas-attach-"));
  await savePerson(
    store.db,
    "private-one",
    PersonInputSchema.parse({ full_name: "Ana Private", team: "north" }),
  );
  await savePerson(
    store.db,
    "public-one",
    PersonInputSchema.parse({ full_name: "Bea Public", consent: { publish: true } }),
  );
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`[${TEST_ENGINE}] a document on a private person is sealed at rest, read back whole, its download audited`, async () => {
  const bytes = pdf("% the detention order\n");
  const a = await attachFile(
    store.db,
    { kind: "person", id: "private-one" },
    { name: "../order.pdf", bytes },
    OPERATOR,
    LIMIT,
  );
  assert.equal(a.media_type, "application/pdf");
  assert.equal(a.file_name, "order.pdf");
  assert.equal(a.restricted, 1);
  assert.match(a.sha256, /^[a-f0-9]{64}$/);
  const raw = await rawAttachment(store.db, a.id);
  assert.equal(raw?.bytes, null);
  assert.ok(
    raw?.sealed && !raw.sealed.includes("PDF") && !raw.sealed.includes(bytes.toString("base64").slice(0, 20)),
  );
  const got = await getAttachment(store.db, a.id, OPERATOR);
  assert.deepEqual(Buffer.from(got.bytes), bytes);
  const log = await recentAudit(store.db, OPERATOR, { subject: "person:private-one" });
  assert.ok(log.some((e) => e.action === "restricted.read" && e.detail.includes(a.id)));
  assert.ok(log.some((e) => e.action === "attachment.add"));
  assert.equal((await attachmentsOf(store.db, { kind: "person", id: "private-one" }, OPERATOR)).length, 1);

  // Someone of another team cannot know it exists: the same answer as a missing one.
  const other: Viewer = { role: "lawyer", userId: "x", team: "south" };
  await assert.rejects(getAttachment(store.db, a.id, other), {
    code: "NOT_FOUND",
    message: `no attachment with id ${a.id}`,
  });
  await assert.rejects(getAttachment(store.db, "nope", other), {
    code: "NOT_FOUND",
    message: "no attachment with id nope",
  });
  await assert.rejects(getAttachment(store.db, a.id, ANONYMOUS), { code: "UNAUTHENTICATED" });
});

test(`[${TEST_ENGINE}] the type comes from the bytes: HTML, SVG and unknown files are refused; limits hold`, async () => {
  const ref = await resolveRecord(store.db, "public-one", OPERATOR);
  assert.deepEqual(ref, { kind: "person", id: "public-one" });
  const a = await attachFile(store.db, ref, { name: "photo.pdf", bytes: PNG }, OPERATOR, LIMIT);
  assert.equal(a.media_type, "image/png", "the client's name does not decide the type");
  assert.equal(a.restricted, 0);
  for (const body of [
    "<!doctype html><script>alert(1)</script>",
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "just text",
  ])
    await assert.rejects(
      attachFile(store.db, ref, { name: "x.pdf", bytes: Buffer.from(body) }, OPERATOR, LIMIT),
      {
        code: "BAD_INPUT",
      },
    );
  await assert.rejects(
    attachFile(store.db, ref, { name: "e.pdf", bytes: Buffer.alloc(0) }, OPERATOR, LIMIT),
    {
      code: "BAD_INPUT",
    },
  );
  await assert.rejects(
    attachFile(store.db, ref, { name: "big.pdf", bytes: pdf("x".repeat(3000)) }, OPERATOR, {
      maxBytes: 1000,
    }),
    {
      code: "TOO_LARGE",
    },
  );
  await assert.rejects(
    attachFile(store.db, ref, { name: "v.pdf", bytes: pdf() }, { role: "viewer", userId: "v" }, LIMIT),
    {
      code: "FORBIDDEN",
    },
  );
});

test(`[${TEST_ENGINE}] the captured original of a source is retrievable with its hash`, async () => {
  const path = join(dir, "docket.json");
  const docket = {
    court_id: "nysd",
    docket_number: "1:25-cv-00001",
    case_name: "Doe v. Roe",
    docket_entries: [
      { date_filed: "2025-01-02", description: "COMPLAINT against Roe.", document_number: "1" },
    ],
  };
  writeFileSync(path, JSON.stringify(docket));
  await importFile(store.db, path, OPERATOR);
  const original = await getSourceOriginal(store.db, "docket-nysd-1-25-cv-00001.e1", ANONYMOUS);
  assert.deepEqual(JSON.parse(Buffer.from(original.bytes).toString("utf8")), docket);
  assert.equal(original.file_name, "docket.json");
  assert.match(original.captured_at, /^\d{4}-/);
});
