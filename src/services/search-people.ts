// Fuzzy, accent-insensitive person search: trigram candidates from the store, re-ranked by name similarity.
import { badInput, isAppError } from "../domain/errors.ts";
import { foldName, nameScorer } from "../domain/names.ts";
import { ANONYMOUS, type Viewer } from "../domain/policy.ts";
import { findMatterById, findOrderById } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { findPeopleByIds } from "../store/people.ts";
import { type NameCandidate, nameCandidatesWithNames, type SearchHit, searchText } from "../store/search.ts";
import { getMatter, getOrderFor, getSource } from "./catalog.ts";
import { getPersonRecord, type PersonView, presentPerson } from "./person-record.ts";
import * as scope from "./scope.ts";
import { isPublicViewer } from "./scope.ts";

export type PersonMatch = { person: PersonView; score: number };

// Candidates scored by name: enough that a name shared by hundreds of people still has its best matches
// among them.
const CANDIDATES = 300;

/**
 * People whose names best match the query, best first, through the scope. The candidates are scored by
 * their names alone; only the best are read in full (records, citations, sealed fields), a few at a time
 * until `limit` the viewer may see are found.
 */
export async function searchPeople(
  db: Db,
  query: string,
  viewer: Viewer,
  opts: { limit?: number; minScore?: number } = {},
): Promise<PersonMatch[]> {
  const q = query.trim();
  if (!q) throw badInput("search text is empty");
  if (q.length > 200) throw badInput("search text is longer than 200 characters");
  const limit = opts.limit ?? 20;
  const score = nameScorer(q);
  const narrowed = scope.peopleCandidatesFor(viewer);
  /** The best `limit` the viewer may see among these candidates, and whether any was hidden from them. */
  const best = async (candidates: readonly NameCandidate[]) => {
    const ranked = candidates
      .map((c) => ({ c, score: score([c.full_name, ...c.aliases]) }))
      .filter((m) => m.score >= (opts.minScore ?? 0.75))
      .sort((a, b) => b.score - a.score || a.c.full_name.localeCompare(b.c.full_name));
    const out: PersonMatch[] = [];
    let hidden = false;
    for (let i = 0; i < ranked.length && out.length < limit; i += limit) {
      const batch = ranked.slice(i, i + limit);
      const ids = batch.map((m) => m.c.id);
      const people = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
      for (const m of batch) {
        const p = people.get(m.c.id);
        if (p && !scope.seesPerson(viewer, p)) hidden = true;
        else if (p && out.length < limit) out.push({ person: presentPerson(p, viewer), score: m.score });
      }
    }
    return { out, hidden };
  };
  // The public's candidates are public people only; a staff member's are everyone's at first (the cheaper
  // read), and again among the people they may see only when another team's records took places a match
  // of theirs could have had (the candidates ran to their limit, some were hidden, too few were found).
  const everyone = await nameCandidatesWithNames(db, q, {
    limit: CANDIDATES,
    publicOnly: narrowed.publicOnly,
  });
  const first = await best(everyone);
  const cut = everyone.length >= CANDIDATES;
  if (first.out.length >= limit || !first.hidden || !cut || narrowed.sharedWith === undefined)
    return first.out;
  return (await best(await nameCandidatesWithNames(db, q, { limit: CANDIDATES, ...narrowed }))).out;
}

/**
 * Full-text search over the record, through the scope: staff get hits only on records they may see; the
 * public gets hits only where every word searched appears in the public projection of the record, and the
 * hit's title is the projection's (a match on private text is no hit at all).
 */
export async function searchRecord(db: Db, query: string, viewer: Viewer, limit = 20): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) throw badInput("search text is empty");
  if (q.length > 200) throw badInput("search text is longer than 200 characters");
  // Hits are read a few times as many as wanted, and more while those the viewer may not read (another
  // team's records, private text) leave too few: a team's own hits behind another team's are still found.
  // At most SEARCH_ROUNDS reads, so a search for a word all over others' records stays bounded (fewer for
  // the public: anyone may search, and a national record is nearly all private).
  const read = limit * 3;
  const rounds = isPublicViewer(viewer) ? PUBLIC_SEARCH_ROUNDS : SEARCH_ROUNDS;
  const out: SearchHit[] = [];
  for (let round = 0; round < rounds && out.length < limit; round++) {
    const hits = await searchText(db, q, read, round * read);
    const shown = await Promise.all(
      hits.map((h) => (isPublicViewer(viewer) ? publicHit(db, h, q, viewer) : staffHit(db, h, viewer))),
    );
    out.push(...shown.filter((h): h is SearchHit => h !== undefined));
    if (hits.length < read) break;
  }
  return out.slice(0, limit);
}

/** How many reads of full-text hits a search makes at most (searchRecord): staff, and the public. */
const SEARCH_ROUNDS = 10;
const PUBLIC_SEARCH_ROUNDS = 3;

const orNone = <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return undefined;
    throw e;
  });

async function staffHit(db: Db, h: SearchHit, viewer: Viewer): Promise<SearchHit | undefined> {
  // The people a hit is about decide how far the viewer reads it; another team's public case only publicly.
  const peopleOf: Record<string, () => Promise<string[] | undefined>> = {
    person: () => scope.loadPerson(db, viewer, h.ref).then((p) => [p.id]),
    event: () => scope.loadEvent(db, viewer, h.ref).then((e) => [e.person.id]),
    matter: () => scope.loadMatter(db, viewer, h.ref).then(() => rawPeople(db, "matter", h.ref)),
    order: () => scope.loadOrder(db, viewer, h.ref).then(() => rawPeople(db, "order", h.ref)),
    source: () => scope.loadSource(db, viewer, h.ref).then(() => []),
  };
  const load = peopleOf[h.kind];
  if (!load) return h;
  const people = await orNone(load());
  if (people === undefined) return undefined;
  if (h.kind === "source" || (await scope.recordAccess(db, viewer, people)) === "full") return h;
  return h.kind === "event" ? undefined : publicHit(db, h, "", ANONYMOUS);
}

async function publicHit(db: Db, h: SearchHit, q: string, viewer: Viewer): Promise<SearchHit | undefined> {
  let record: { title: string; text: unknown } | undefined;
  switch (h.kind) {
    case "person": {
      const p = await orNone(getPersonRecord(db, h.ref, viewer));
      if (p) record = { title: p.person.full_name, text: p.person };
      break;
    }
    case "matter": {
      const m = await orNone(getMatter(db, h.ref, viewer));
      if (m) record = { title: m.caption, text: m };
      break;
    }
    case "order": {
      const o = await orNone(getOrderFor(db, h.ref, viewer));
      if (o) record = { title: h.title, text: o };
      break;
    }
    case "source": {
      const s = await orNone(getSource(db, h.ref, viewer));
      if (s) record = { title: s.title, text: s };
      break;
    }
    case "facility":
      record = { title: h.title, text: { title: h.title, snippet: h.snippet } };
      break;
    default:
      record = undefined;
  }
  if (!record) return undefined;
  const text = ` ${foldName(`${record.title} ${JSON.stringify(record.text)}`)} `;
  const words = foldName(q).split(" ").filter(Boolean);
  if (!words.every((w) => text.includes(w))) return undefined;
  return { kind: h.kind, ref: h.ref, title: record.title, snippet: "" };
}

async function rawPeople(db: Db, kind: "matter" | "order", id: string): Promise<string[]> {
  if (kind === "matter") return (await findMatterById(db, id))?.people ?? [];
  return (await findOrderById(db, id))?.covers.people ?? [];
}
