// Fuzzy, accent-insensitive person search: trigram candidates from the store, re-ranked by name similarity.
import { badInput } from "../domain/errors.ts";
import { bestNameSimilarity } from "../domain/names.ts";
import { clearanceOf, type Viewer } from "../domain/policy.ts";
import type { Db } from "../store/db.ts";
import { findPeopleByIds } from "../store/people.ts";
import { nameCandidates, type SearchHit, searchText } from "../store/search.ts";
import { getMatter, getOrderFor, getSource } from "./catalog.ts";
import { type PersonView, presentPerson, visibleTo } from "./person-record.ts";

export type PersonMatch = { person: PersonView; score: number };

export async function searchPeople(
  db: Db,
  query: string,
  viewer: Viewer,
  opts: { limit?: number; minScore?: number } = {},
): Promise<PersonMatch[]> {
  const q = query.trim();
  if (!q) throw badInput("search text is empty");
  if (q.length > 200) throw badInput("search text is longer than 200 characters");
  const publicOnly = clearanceOf(viewer) === "public";
  const ids = await nameCandidates(db, q, { limit: 200, publicOnly });
  const people = await findPeopleByIds(db, ids);
  return people
    .filter((p) => visibleTo(p, viewer))
    .map((p) => ({
      person: presentPerson(p, viewer),
      score: bestNameSimilarity(q, [p.full_name, ...p.aliases]),
    }))
    .filter((m) => m.score >= (opts.minScore ?? 0.75))
    .sort((a, b) => b.score - a.score || a.person.full_name.localeCompare(b.person.full_name))
    .slice(0, opts.limit ?? 20);
}

/** Full-text search over the record; people the viewer may not see are left out. */
export async function searchRecord(db: Db, query: string, viewer: Viewer, limit = 20): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) throw badInput("search text is empty");
  if (q.length > 200) throw badInput("search text is longer than 200 characters");
  const hits = await searchText(db, q, limit * 2);
  const personIds = hits.filter((h) => h.kind === "person").map((h) => h.ref);
  const visible = new Set(
    (await findPeopleByIds(db, personIds)).filter((p) => visibleTo(p, viewer)).map((p) => p.id),
  );
  // Events name people: for anonymous viewers only sources, facilities, matters, orders and claims —
  // and of those only what the catalog shows them (published sources, filed or public matters).
  const publicKinds = new Set(["source", "facility", "matter", "order", "claim"]);
  const anonymous = clearanceOf(viewer) === "public";
  const shown = async (h: SearchHit): Promise<boolean> => {
    if (h.kind === "person") return visible.has(h.ref);
    if (!anonymous) return true;
    if (!publicKinds.has(h.kind)) return false;
    const check =
      h.kind === "source"
        ? getSource(db, h.ref, viewer)
        : h.kind === "matter"
          ? getMatter(db, h.ref, viewer)
          : h.kind === "order"
            ? getOrderFor(db, h.ref, viewer)
            : Promise.resolve();
    return check.then(
      () => true,
      () => false,
    );
  };
  const keep = await Promise.all(hits.map(shown));
  return hits.filter((_, i) => keep[i]).slice(0, limit);
}
