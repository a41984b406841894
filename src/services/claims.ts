// Claims with their sources: what ingested articles state (re-read from the captured text) and the
// curated claims of the record, with corroboration counted over independent sources only.
import { foldName } from "../domain/names.ts";
import type { Viewer } from "../domain/policy.ts";
import { buildClaims, type ClaimEntity, type ClaimScope, normalizePredicate } from "../ingest/claims.ts";
import { findNearDuplicates } from "../ingest/dedupe.ts";
import { extractArticle } from "../ingest/extract.ts";
import { compareNames } from "../ingest/identity.ts";
import { listClaims } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listCaptureTexts, sourceIdsByCapture } from "../store/evidence.ts";
import { authorize } from "./authorize.ts";
import { facilityRegistry } from "./facility-registry.ts";
import { publicContextFor, redactNames } from "./public-projection.ts";
import * as scope from "./scope.ts";

export type ClaimSource = { id: string; publisher: string; title: string; url?: string };
export type ClaimReport = {
  subject: string;
  predicate: string;
  origin: "articles" | "record";
  /** What an article claim is about and the part of the world its number speaks for. */
  entity?: ClaimEntity;
  scope?: ClaimScope;
  values: { value: string; sources: ClaimSource[]; independent_count: number }[];
  corroboration: number;
  conflict: boolean;
  /** The same fact on the other side (an article's against the record's), when the two disagree. */
  disagrees_with?: { origin: "articles" | "record"; subject: string; predicate: string; values: string[] }[];
};

export async function claimsReport(db: Db, viewer: Viewer): Promise<ClaimReport[]> {
  authorize(viewer, "read", "public");
  // Only sources this viewer may read feed the report (the public: published ones, never testimony), and
  // the public reads their titles, and the claims' words, with the names of people who did not consent
  // as initials.
  const readable = await scope.listSources(db, viewer);
  const sources = new Map(readable.map((s) => [s.id, s] as const));
  const describe = (id: string): ClaimSource => {
    const s = sources.get(id);
    return s ? { id, publisher: s.publisher, title: s.title, url: s.url } : { id, publisher: "?", title: id };
  };
  const out: ClaimReport[] = [];

  // From articles: copies (near-duplicates, same outlet) count once.
  const bySha = await sourceIdsByCapture(db);
  const registry = await facilityRegistry(db);
  const docs = (await listCaptureTexts(db)).flatMap((c) => {
    const id = bySha.get(c.sha256);
    return id && c.text && sources.has(id) ? [{ id, text: c.text }] : [];
  });
  if (docs.length) {
    const articles = docs.map((d) =>
      extractArticle(d.text, { id: d.id, registry, title: sources.get(d.id)?.title }),
    );
    const groups = findNearDuplicates(docs);
    for (const c of buildClaims(articles, groups)) {
      out.push({
        subject: c.subject,
        predicate: c.predicate,
        origin: "articles",
        entity: c.entity,
        scope: c.scope,
        values: c.values.map((v) => ({
          value: v.value,
          sources: v.sources.map(describe),
          independent_count: v.independent_count,
        })),
        corroboration: c.corroboration,
        conflict: c.conflict,
      });
    }
  }

  // Curated claims: one row per value; sources from the same publisher count once.
  const groups = new Map<string, { subject: string; predicate: string; values: Map<string, Set<string>> }>();
  for (const c of await listClaims(db)) {
    const key = `${foldName(c.subject)}|${foldName(c.predicate)}`;
    const g = groups.get(key) ?? { subject: c.subject, predicate: c.predicate, values: new Map() };
    const value = c.unit ? `${c.value} ${c.unit}` : c.value;
    const set = g.values.get(value) ?? new Set<string>();
    for (const cite of c.citations) if (sources.has(cite.source)) set.add(cite.source);
    if (!set.size) continue;
    g.values.set(value, set);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const values = [...g.values.entries()].map(([value, ids]) => {
      const srcs = [...ids].map(describe);
      const independent = new Set(
        srcs.filter((s) => sources.get(s.id)?.reliability !== "unreliable").map((s) => foldName(s.publisher)),
      ).size;
      return { value, sources: srcs, independent_count: independent };
    });
    values.sort((a, b) => b.independent_count - a.independent_count || a.value.localeCompare(b.value));
    out.push({
      subject: g.subject,
      predicate: g.predicate,
      origin: "record",
      values,
      corroboration: values[0]?.independent_count ?? 0,
      conflict: values.filter((v) => v.independent_count > 0).length > 1,
    });
  }
  compareArticlesWithRecord(out);
  if (!scope.isPublicViewer(viewer)) return out;
  // The words of what is shown are looked up once the report is built (the sources' titles with them).
  const ctx = await publicContextFor(db, {
    people: [],
    sources: readable.map((s) => s.id),
    texts: out.flatMap((c) => [
      c.subject,
      c.entity?.name,
      ...c.values.flatMap((v) => [v.value, ...v.sources.map((x) => x.title)]),
      ...(c.disagrees_with ?? []).flatMap((d) => [d.subject, ...d.values]),
    ]),
  });
  const hide = (text: string) => redactNames(text, ctx.privateNames) ?? text;
  const source = (x: ClaimSource): ClaimSource => ({ ...x, title: hide(x.title) });
  return out.map((c) => ({
    ...c,
    subject: hide(c.subject),
    ...(c.entity ? { entity: { ...c.entity, name: hide(c.entity.name) } } : {}),
    values: c.values.map((v) => ({ ...v, value: hide(v.value), sources: v.sources.map(source) })),
    disagrees_with: c.disagrees_with?.map((d) => ({
      ...d,
      subject: hide(d.subject),
      values: d.values.map(hide),
    })),
  }));
}

/**
 * An article's fact against the record's curated claim about the same person and (normalized) predicate:
 * "elected in 2022" in an article and "first elected in 2019" in the record are one fact that disagrees.
 */
function compareArticlesWithRecord(out: ClaimReport[]) {
  const record = out.filter((c) => c.origin === "record");
  const valueKey = (v: string) => (/^\d{4}/.test(v) ? v.slice(0, 4) : foldName(v));
  for (const a of out) {
    if (a.origin !== "articles" || a.predicate === "name_spelling" || a.predicate === "count") continue;
    for (const r of record) {
      if (normalizePredicate(r.predicate) !== normalizePredicate(a.predicate)) continue;
      if (compareNames({ name: a.subject }, { name: r.subject }) < 0.8) continue;
      const mine = new Set(a.values.map((v) => valueKey(v.value)));
      const theirs = new Set(r.values.map((v) => valueKey(v.value)));
      if ([...mine].every((v) => theirs.has(v))) continue;
      a.conflict = true;
      r.conflict = true;
      const note = (x: ClaimReport) => ({
        origin: x.origin,
        subject: x.subject,
        predicate: x.predicate,
        values: x.values.map((v) => v.value),
      });
      a.disagrees_with = [...(a.disagrees_with ?? []), note(r)];
      r.disagrees_with = [...(r.disagrees_with ?? []), note(a)];
    }
  }
}
