// Incremental evaluation: who a change touches, and what changed between two sets of findings.
import type { CourtOrder, HabeasEvent } from "../domain/model.ts";
import type { Finding } from "./types.ts";

export type Change = { kind: "event"; event: HabeasEvent } | { kind: "order"; order: CourtOrder };

/**
 * Person ids whose findings may change. An order lists the people and group records it covers; members of a
 * group are known to the store, not here, so the caller expands group ids to their members.
 */
export function peopleToReevaluate(change: Change): string[] {
  if (change.kind === "event") return [change.event.person];
  return [...new Set(change.order.covers.people)];
}

/** Identity of a finding across evaluations: the same rule about the same person, order and anchoring event. */
function identity(f: Finding): string {
  return `${f.rule}\u0000${f.person}\u0000${f.order ?? ""}\u0000${f.events[0] ?? f.missing[0] ?? ""}`;
}

function content(f: Finding): string {
  return JSON.stringify([
    f.version,
    f.severity,
    f.title,
    f.text,
    f.confidence,
    f.events,
    f.missing,
    f.basis,
    f.contested ?? null,
    f.due ?? null,
    f.days_elapsed ?? null,
  ]);
}

function keyed(list: readonly Finding[]): Map<string, Finding> {
  const m = new Map<string, Finding>();
  for (const f of list) {
    const base = identity(f);
    let k = base;
    for (let n = 2; m.has(k); n++) k = `${base}#${n}`;
    m.set(k, f);
  }
  return m;
}

/** Compare findings for one or more people before and after a change (both in the same language). */
export function diffFindings(
  before: readonly Finding[],
  after: readonly Finding[],
): { added: Finding[]; removed: Finding[]; changed: Finding[] } {
  const old = keyed(before);
  const now = keyed(after);
  const added: Finding[] = [];
  const removed: Finding[] = [];
  const changed: Finding[] = [];
  for (const [k, f] of now) {
    const prev = old.get(k);
    if (!prev) added.push(f);
    else if (content(prev) !== content(f)) changed.push(f);
  }
  for (const [k, f] of old) if (!now.has(k)) removed.push(f);
  return { added, removed, changed };
}
