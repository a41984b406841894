// Ingesting articles: keep the original bytes once, store a source, and propose links and events
// for a reviewer. Nothing about a person changes until someone accepts a proposal.

import { basename } from "node:path";
import { badInput } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import { foldName } from "../domain/names.ts";
import type { Viewer } from "../domain/policy.ts";
import { type Capture, captureFile } from "../ingest/capture.ts";
import { dedupeFiles, extractFiles, resolveNamesFile } from "../ingest/cli-shapes.ts";
import { eventCues } from "../ingest/event-cues.ts";
import { type ExtractedArticle, extractArticle, referenceDate } from "../ingest/extract.ts";
import { compareNames, resolveIdentities } from "../ingest/identity.ts";
import { useNameLists } from "../ingest/name-lists.ts";
import { isOfficialProfile, personProfiles } from "../ingest/person-profiles.ts";
import { listMatters, saveSource } from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import { findCapture, insertProposals, pendingPayloads, saveCapture } from "../store/evidence.ts";
import type { ProposalsTable } from "../store/schema.ts";
import { putSearchDoc } from "../store/search.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { facilityRegistry } from "./facility-registry.ts";
import { searchPeople } from "./search-people.ts";

/** Points extraction at the configured name lists (config.extractionConfig); without one, the default. */
export function configureExtraction(c: { namesDir?: string }): void {
  if (c.namesDir) useNameLists(c.namesDir);
}

/** Stateless analysis for journalists' scripts and outside evaluation: the stable CLI shapes. */
/** @public Loaded by the CLI on first use (cli/commands/evidence.ts). */
export { dedupeFiles, resolveNamesFile };

/** @public Loaded by the CLI on first use. */
export async function extractWithRegistry(db: Db | undefined, paths: readonly string[]) {
  return extractFiles(paths, db ? await facilityRegistry(db) : undefined);
}

export type IngestResult = {
  file: string;
  sha256: string;
  source: string;
  duplicate: boolean;
  title: string | null;
  proposals: number;
};

/** Links and events an article suggests, scored; only the best match per name is proposed. */
async function proposalsFor(
  db: Db,
  article: ExtractedArticle,
  text: string,
  sourceId: string,
  viewer: Viewer,
) {
  const now = new Date().toISOString();
  const rows: ProposalsTable[] = [];
  const add = (kind: string, subject: string | null, payload: object, score: number | null) =>
    rows.push({
      id: newId(kind),
      kind,
      source_id: sourceId,
      subject_id: subject,
      payload: JSON.stringify(payload),
      score,
      status: "pending",
      reason: null,
      created_at: now,
      decided_at: null,
      decided_by: null,
    });
  const linked = new Map<string, string>(); // extracted name → person id
  for (const p of article.people) {
    // Fuzzy search finds candidates; the stricter identity comparison decides (a lone surname,
    // or a name inside a group record's title, is not a link).
    let best: { id: string; name: string; score: number } | undefined;
    for (const m of await searchPeople(db, p.name, viewer, { limit: 5, minScore: 0.8 })) {
      if (m.person.kind === "group") continue;
      const names = [m.person.full_name, ...(m.person.aliases ?? [])];
      const score = Math.max(...names.map((n) => compareNames({ name: p.name }, { name: n })));
      if (score >= 0.8 && (!best || score > best.score))
        best = { id: m.person.id, name: m.person.full_name, score };
    }
    if (!best) continue;
    linked.set(p.name, best.id);
    add(
      "link_person",
      best.id,
      { name: p.name, forms: p.forms, person: best.id, person_name: best.name },
      best.score,
    );
  }
  await proposeNewPeople(db, article, text, linked, add);
  for (const f of article.facilities) {
    if (f.id) add("link_facility", f.id, { name: f.name, forms: f.forms, facility: f.id }, 1);
  }
  const folded = ` ${foldName(text)} `;
  for (const m of await listMatters(db)) {
    const docket = m.docket_number ? foldName(m.docket_number) : "";
    const caption = foldName(m.caption);
    if (
      (docket.length > 4 && folded.includes(` ${docket} `)) ||
      (caption.length > 8 && folded.includes(` ${caption} `))
    ) {
      add("link_matter", m.id, { matter: m.id, caption: m.caption }, 1);
    }
  }
  for (const cue of eventCues(text, article.people, article.language, referenceDate(article.published))) {
    const person = linked.get(cue.person);
    if (!person) continue;
    add(
      "new_event",
      person,
      { person, type: cue.type, when: cue.date, summary: cue.sentence.slice(0, 500) },
      null,
    );
  }
  return rows;
}

/**
 * People the article names whom the record lacks, one proposal each: every surface form, nationality,
 * the facility and event the article places them in, and the sentence as the citation. Deduplicated
 * against each other and against pending proposals by identity resolution; officials are left out.
 */
async function proposeNewPeople(
  db: Db,
  article: ExtractedArticle,
  text: string,
  linked: Map<string, string>,
  add: (kind: string, subject: string | null, payload: object, score: number | null) => void,
) {
  const profiles = personProfiles(article, text, referenceDate(article.published)).filter(
    (p) => !isOfficialProfile(p) && !p.forms.some((f) => linked.has(f)) && !linked.has(p.name),
  );
  if (!profiles.length) return;
  const pending = (await pendingPayloads(db, "new_person"))
    .map((p) => String(p.full_name ?? ""))
    .filter(Boolean);
  // A proposal already waiting for the same person (from another article) is not proposed twice.
  const { identities } = resolveIdentities([...pending, ...profiles.map((p) => p.name)]);
  const waiting = new Set(pending);
  for (const p of profiles) {
    const id = identities.find((i) => i.members.includes(p.name));
    if (id?.members.some((m) => waiting.has(m))) continue;
    add(
      "new_person",
      null,
      {
        full_name: p.name,
        forms: p.forms,
        nationality: p.nationality,
        facility: p.facility,
        event: p.event,
        sentence: p.sentence,
      },
      null,
    );
    waiting.add(p.name);
  }
}

export async function ingestFiles(
  db: Database,
  paths: readonly string[],
  viewer: Viewer,
  opts: { publisher?: string } = {},
): Promise<IngestResult[]> {
  authorize(viewer, "write", "source");
  if (!paths.length) throw badInput("give at least one file to ingest");
  const registry = await facilityRegistry(db);
  const out: IngestResult[] = [];
  for (const path of paths) {
    const cap: Capture = await captureFile(path);
    const existing = await findCapture(db, cap.sha256);
    if (existing) {
      const src = await db
        .selectFrom("sources")
        .select("id")
        .where("capture_sha256", "=", cap.sha256)
        .executeTakeFirst();
      out.push({
        file: basename(path),
        sha256: cap.sha256,
        source: src?.id ?? "",
        duplicate: true,
        title: cap.title ?? null,
        proposals: 0,
      });
      continue;
    }
    const article = extractArticle(cap.text, { id: basename(path), registry, title: cap.title });
    const title = article.title ?? cap.title ?? basename(path);
    const sourceId = newId(title);
    const proposals = await proposalsFor(db, article, cap.text, sourceId, viewer);
    await db.transaction().execute(async (tx) => {
      await saveCapture(tx, {
        sha256: cap.sha256,
        media_type: cap.mediaType,
        file_name: basename(path),
        bytes: cap.bytes,
        text: cap.text,
        captured_at: cap.capturedAt,
      });
      await saveSource(tx, {
        id: sourceId,
        publisher: opts.publisher ?? article.outlet ?? "unknown publisher",
        title: title.slice(0, 500),
        published_on: /^\d{4}-\d{2}-\d{2}$/.test(article.published ?? "")
          ? (article.published as string)
          : undefined,
        captured_at: cap.capturedAt,
        capture_sha256: cap.sha256,
        reliability: "unverified",
        kind: "news",
      });
      // The article text is searchable with the rest of the record.
      await putSearchDoc(tx, "source", sourceId, title, cap.text.slice(0, 200_000));
      await insertProposals(tx, proposals);
      await audit(tx, viewer, "source.ingest", `source:${sourceId}`, {
        sha256: cap.sha256,
        proposals: proposals.length,
      });
    });
    out.push({
      file: basename(path),
      sha256: cap.sha256,
      source: sourceId,
      duplicate: false,
      title,
      proposals: proposals.length,
    });
  }
  return out;
}
