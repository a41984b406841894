// Builders for rule tests: people, events and orders written as local wall-clock times, as sources report them.
import type { CourtOrder, EventType, HabeasEvent, Person } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { parseWhen } from "../domain/time.ts";
import { evaluateCase } from "./engine.ts";
import type { Finding, Lang } from "./types.ts";

export const ET = "America/New_York";
export const CT = "America/Chicago";

export function person(over: Partial<Person> = {}): Person {
  return {
    id: "p1",
    kind: "individual",
    full_name: "Test Person",
    aliases: [],
    nationalities: [],
    citizenship_status: "unknown",
    languages: [],
    protections: [],
    consent: { publish: false, public_record: false, family_status: false },
    citations: [],
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
    ...over,
  };
}

let seq = 0;

/** An event at a local time ("2025-03-15 19:36" in Eastern time unless tz says otherwise). */
export function ev(
  type: EventType,
  when: string,
  details: Record<string, unknown> = {},
  over: Partial<HabeasEvent> & { tz?: string; precision?: Precision } = {},
): HabeasEvent {
  const tz = over.tz ?? ET;
  const w = parseWhen(when, tz, over.precision);
  seq++;
  return {
    id: over.id ?? `e${seq}`,
    person: over.person ?? "p1",
    type,
    at: w.at,
    precision: w.precision,
    ...(w.latest ? { latest: w.latest } : {}),
    tz,
    summary: `${type} ${when}`,
    details,
    citations: [],
    unverified: false,
    ...over,
  };
}

export function order(
  when: string,
  over: Partial<CourtOrder> & { tz?: string; deadline?: string } = {},
): CourtOrder {
  const tz = over.tz ?? ET;
  const w = parseWhen(when, tz);
  const { deadline, ...rest } = over;
  return {
    id: "o1",
    matter: "m1",
    kind: "TRO",
    tz,
    precision: w.precision,
    oral: false,
    covers: { people: ["p1"] },
    bars: ["removal"],
    summary: "order",
    citations: [],
    issued_at: w.at,
    ...(deadline ? { deadline_at: parseWhen(deadline, tz).at } : {}),
    ...rest,
  };
}

export function run(
  p: Person,
  events: HabeasEvent[],
  opts: { orders?: CourtOrder[]; asOf?: string; lang?: Lang } = {},
): Finding[] {
  return evaluateCase(
    { person: p, events, orders: opts.orders ?? [] },
    { asOf: opts.asOf ?? "2025-12-31T12:00:00Z", lang: opts.lang ?? "en" },
  );
}

export function only(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}
