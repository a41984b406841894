// `habeas demo generate`, the writer: plans people, class cases and petitions for a seed and writes them in chunks.

import { performance } from "node:perf_hooks";
import { AppError, badInput } from "../../domain/errors.ts";
import type { PersonData, Protection } from "../../domain/model.ts";
import { PROTECTION_KINDS } from "../../domain/model.ts";
import { type BulkBatch, type BulkEvent, type BulkPerson, openBulkWriter } from "../../store/bulk.ts";
import { listFacilities, saveFacility, saveMatter, saveOrder, saveSource } from "../../store/catalog.ts";
import type { Database } from "../../store/db.ts";
import { saveEvent } from "../../store/events.ts";
import { countPeople, savePerson } from "../../store/people.ts";
import { draw, loadNamePools, makePool, mixSeed, type Rng, rngFrom } from "../generate-names.ts";

import {
  aliasFor,
  between,
  CITIES,
  type City,
  chance,
  court,
  END,
  generatedFacilities,
  generatedSources,
  HOUR,
  initials,
  ORIGINS,
  type Origin,
  type Place,
  personName,
  pick,
  START,
  STATE_TZ,
  specialFacilities,
  US_BORN,
  weighted,
} from "./tables.ts";
import {
  aeaCase,
  type ClassCase,
  type Ctx,
  day,
  iso,
  type MatterOut,
  monthYear,
  type OrderOut,
  ordinaryCase,
  type Person,
  type Petition,
  realize,
  Timeline,
} from "./timeline.ts";

export type GenerateOptions = {
  people: number;
  events: number;
  seed?: number;
  /** Folder of name-frequency lists; absent or empty → a small built-in list. */
  namesDir?: string;
  /** Share of individuals who consented to publication (the rest are private). Default 0.02. */
  publicShare?: number;
  /** Individuals per write transaction. */
  chunk?: number;
  /** Generate even though the database already holds people (synthetic records would mix with them). */
  force?: boolean;
  /** "bulk" (default), or "records": savePerson/saveEvent one by one — the baseline bulk is measured against. */
  path?: "bulk" | "records";
  onProgress?: (done: { people: number; events: number }) => void;
};

export type GenerateReport = {
  seed: number;
  prefix: string;
  people: number;
  groups: number;
  public_people: number;
  events: number;
  facilities: number;
  facilities_reused: boolean;
  matters: number;
  orders: number;
  sources: number;
  names: "lists" | "built-in";
  seconds: number;
};

// ---------- the generator ----------

/** How many events each person gets: around the mean still owed, varied, and exact in total. */
function budgetFor(rng: Rng, remainingEvents: number, remainingPeople: number): number {
  if (remainingPeople <= 1) return remainingEvents;
  const mean = remainingEvents / remainingPeople;
  const n = Math.round(mean * between(rng, 0.4, 1.6));
  return Math.max(0, Math.min(remainingEvents, n, Math.ceil(mean * 3) + 2));
}

function samplePositions(rng: Rng, n: number, k: number, exclude: Set<number>): number[] {
  const out: number[] = [];
  const seen = new Set<number>(exclude);
  while (out.length < k && seen.size < n) {
    const i = Math.floor(rng() * n);
    if (seen.has(i)) continue;
    seen.add(i);
    out.push(i);
  }
  return out.sort((a, b) => a - b);
}

export async function generateDataset(db: Database, opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const total = opts.people;
  if (!Number.isInteger(total) || total < 1 || total > 20_000_000)
    throw badInput("--people must be 1 … 20,000,000");
  if (!Number.isInteger(opts.events) || opts.events < 0 || opts.events > 200_000_000)
    throw badInput("--events must be 0 … 200,000,000");
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)
    throw badInput("--seed must be a whole number ≥ 0");
  const publicShare = opts.publicShare ?? 0.02;
  const prefix = `g${seed}`;
  // Every generated dataset writes source `<prefix>-s1` first.
  const clash = await db
    .selectFrom("sources")
    .select("id")
    .where("id", "=", `${prefix}-s1`)
    .executeTakeFirst();
  if (clash)
    throw new AppError(
      "CONFLICT",
      `this database already holds a dataset generated with seed ${seed}; use another --seed or --db`,
    );
  const held = await countPeople(db);
  if (held > 0 && !opts.force)
    throw new AppError(
      "CONFLICT",
      `this database already holds ${held} people: synthetic records would mix with them; generate into a fresh --db (or --force)`,
    );

  const pools = loadNamePools(opts.namesDir);
  const plan = rngFrom(mixSeed(seed, 0x5eed));

  // Facilities: the imported registry when there is one, else plausible generated ones.
  const existing = (await listFacilities(db, { limit: 100_000 })).filter(
    (f) => f.country === "US" && f.kind !== "foreign_prison",
  );
  const reuse = existing.length >= 10;
  const made = reuse ? [] : generatedFacilities(prefix, plan);
  const special = specialFacilities(prefix);
  const places: Place[] = reuse
    ? existing
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((f) => ({
          id: f.id,
          name: f.name,
          kind: f.kind,
          state: f.state,
          city: f.city,
          tz: STATE_TZ.get(f.state ?? "") ?? "America/Chicago",
          weight: f.capacity ?? 300,
        }))
    : made.map((f) => ({
        id: f.id,
        name: f.name,
        kind: f.kind,
        state: f.state,
        city: f.city,
        tz: f.tz,
        weight: f.weight,
      }));
  const placesByState = new Map<string, Place[]>();
  for (const pl of places) {
    if (!pl.state || pl.kind === "hold_room") continue;
    const list = placesByState.get(pl.state) ?? [];
    list.push(pl);
    placesByState.set(pl.state, list);
  }
  const sources = generatedSources(prefix);
  const ctx: Ctx = {
    prefix,
    pools,
    origins: makePool(ORIGINS.map((o, i) => [String(i), o.share])),
    places,
    placesByState,
    placeWeights: makePool(places.map((pl, i) => [String(i), pl.weight])),
    cecot: { ...special.cecot, weight: 0 },
    sources: {
      court: sources.filter((s) => s.kind === "court_record").map((s) => s.id),
      other: sources.filter((s) => s.kind !== "court_record").map((s) => s.id),
    },
    publicShare,
    pad: Math.max(7, String(total).length),
  };

  // Who is in an AEA class and who petitions for habeas: chosen up front so matters exist before events.
  const classes = total >= 100 ? 3 : total >= 20 ? 1 : 0;
  const individuals = total - classes;
  const aeaCount = classes ? Math.max(2 * classes, Math.round(individuals * 0.005)) : 0;
  const aeaIdx = samplePositions(plan, individuals, aeaCount, new Set());
  const petIdx = samplePositions(plan, individuals, Math.round(individuals * 0.02), new Set(aeaIdx));
  const personId = (i: number) => `${prefix}-p${String(i + 1).padStart(ctx.pad, "0")}`;
  const txFacilities = places.filter((pl) => pl.state === "TX" && pl.kind !== "hold_room");
  const classIssued = [
    Date.UTC(2025, 2, 15, 23, 26),
    Date.UTC(2025, 3, 19, 5, 0),
    Date.UTC(2025, 4, 16, 16, 0),
  ];
  const classCases: ClassCase[] = Array.from({ length: classes }, (_, k) => ({
    matter: `${prefix}-mc${k + 1}`,
    order: `${prefix}-oc${k + 1}`,
    group: `${prefix}-grp${k + 1}`,
    facility: txFacilities[k % Math.max(1, txFacilities.length)] ?? (places[k % places.length] as Place),
    issued: classIssued[k] as number,
    members: [],
    removedAfter: 0,
  }));
  const aeaClass = new Map(aeaIdx.map((i, n) => [i, classCases[n % classes] as ClassCase]));
  const petitions = new Map<number, Petition>(
    petIdx.map((i, n) => [
      i,
      { matter: `${prefix}-m${n + 1}`, order: `${prefix}-o${n + 1}`, person: personId(i) },
    ]),
  );

  // Phase A: sources, facilities and matters (people attach in phase C).
  await db.transaction().execute(async (tx) => {
    for (const s of sources) await saveSource(tx, s);
    for (const { tz: _tz, weight: _w, ...f } of made) await saveFacility(tx, f);
    for (const { tz: _tz, ...f } of Object.values(special)) await saveFacility(tx, f);
    for (const c of classCases)
      await saveMatter(
        tx,
        { id: c.matter, caption: "pending", court: "pending", parties: [], people: [] },
        [],
      );
    for (const pt of petitions.values())
      await saveMatter(
        tx,
        { id: pt.matter, caption: "pending", court: "pending", parties: [], people: [] },
        [],
      );
  });

  // Phase B: people and their timelines, chunk by chunk.
  const writer = opts.path === "records" ? undefined : await openBulkWriter(db);
  const orders: OrderOut[] = [];
  const matters: MatterOut[] = [];
  let eventsLeft = opts.events;
  let eventSeq = 0;
  let publicPeople = 0;
  const eventPad = Math.max(7, String(opts.events).length);
  const nextEventId = () => `${prefix}-e${String(++eventSeq).padStart(eventPad, "0")}`;
  const chunk = opts.chunk ?? 2000;
  const write = async (batch: BulkBatch) => {
    if (writer) return writer.write(batch);
    await db.transaction().execute(async (tx) => {
      for (const p of batch.people ?? []) await savePerson(tx, p.id, p.data);
      for (const e of batch.events ?? []) await saveEvent(tx, e);
    });
  };
  try {
    let batch: { people: BulkPerson[]; events: BulkEvent[] } = { people: [], events: [] };
    for (let i = 0; i < individuals; i++) {
      const rng = rngFrom(mixSeed(seed, i, 1));
      const aea = aeaClass.get(i);
      const petition = petitions.get(i);
      const citizen = !aea && chance(rng, 0.003);
      const origin = aea
        ? (ORIGINS.find((o) => o.cc === "VE") as Origin)
        : citizen
          ? US_BORN
          : (ORIGINS[Number(draw(ctx.origins, rng))] as Origin);
      const female = !aea && chance(rng, 0.13);
      const name = personName(pools, rng, origin, female);
      const city = aea ? (CITIES.find((c) => c[1] === "TX") as City) : pick(rng, CITIES);
      const protections: Protection[] =
        !citizen && chance(rng, 0.08)
          ? [
              {
                kind: pick(
                  rng,
                  PROTECTION_KINDS.filter((k) => k !== "court_order"),
                ),
                country: origin.cc,
                granted_on: day(between(rng, Date.UTC(2012, 0, 1), START)),
              },
            ]
          : [];
      const id = personId(i);
      const p: Person = { id, name, origin, protections, citizen, city };
      const isPublic = chance(rng, publicShare);
      if (isPublic) publicPeople++;
      const t0 = between(rng, START, END);
      const alias = chance(rng, 0.15) ? aliasFor(rng, name) : undefined;
      const age = Math.round(between(rng, 18, 45) + (chance(rng, 0.2) ? between(rng, 0, 20) : 0));
      const birth = Date.UTC(2025 - age, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28));
      const data: PersonData = {
        kind: "individual",
        full_name: name.full,
        given_names: name.given,
        first_surname: name.s1,
        second_surname: name.s2,
        aliases: alias ? [alias] : [],
        birth_date: day(birth),
        birth_date_precision: "day",
        nationalities: citizen ? ["US"] : [origin.cc],
        citizenship_status: citizen
          ? "us_citizen"
          : weighted(rng, [
              ["no_status", 0.45],
              ["asylum_seeker", 0.3],
              ["lpr", 0.05],
              ["visa_holder", 0.05],
              ["unknown", 0.15],
            ] as const),
        a_number:
          citizen || !chance(rng, 0.85)
            ? undefined
            : `A${Math.floor(between(rng, 200, 250))}-${String(Math.floor(rng() * 1000)).padStart(3, "0")}-${String(Math.floor(rng() * 1000)).padStart(3, "0")}`,
        languages: [weighted(rng, origin.langs)],
        protections,
        consent: { publish: false, public_record: isPublic, family_status: chance(rng, 0.3) },
        summary: `Generated record: ${citizen ? "U.S. citizen" : `${origin.cc} national`} arrested in ${city[0]}, ${city[1]}, in ${monthYear(t0)}.`,
        sources: [{ source: pick(rng, ctx.sources.other) }],
      };
      const budget = budgetFor(rng, eventsLeft, individuals - i);
      const t = new Timeline(ctx, rng, p);
      let evs: BulkEvent[];
      if (aea) {
        const drafts = aeaCase(t, budget, aea);
        evs = realize(ctx, rng, p, drafts, drafts[0]?.at ?? t0, nextEventId);
        aea.members.push(id);
      } else {
        const r = ordinaryCase(t, budget, petition);
        evs = realize(ctx, rng, p, r.drafts, t0, nextEventId);
        const co = evs.find((e) => e.type === "COURT_ORDER");
        const hf = evs.find((e) => e.type === "HABEAS_FILED");
        if (r.order && petition && co && hf) {
          orders.push({
            ...r.order,
            issued_at: co.at,
            tz: co.tz,
            ...(r.order.requires ? { deadline_at: iso(Date.parse(co.at) + 72 * HOUR) } : {}),
          });
          matters.push({
            id: petition.matter,
            caption: `${initials(name.full)} v. Noem`,
            court: r.matter?.court ?? court(city[1]),
            docket_number: `${hf.at.slice(2, 4)}-cv-${String(Math.floor(rng() * 99999)).padStart(5, "0")}`,
            filed_on: hf.at.slice(0, 10),
            decided_on: co.at.slice(0, 10),
            status: r.matter?.status ?? "pending",
            summary: "Habeas petition (generated).",
            people: [id],
          });
        }
      }
      eventsLeft -= evs.length;
      batch.people.push({ id, data });
      for (const e of evs) batch.events.push(e);
      if (batch.people.length >= chunk) {
        await write(batch);
        opts.onProgress?.({ people: i + 1, events: eventSeq });
        batch = { people: [], events: [] };
      }
    }
    // Group records stand for each AEA class as a whole.
    for (const c of classCases) {
      batch.people.push({
        id: c.group,
        data: {
          kind: "group",
          full_name: `Venezuelan men designated under the Alien Enemies Act at ${c.facility.name}`,
          aliases: [],
          group_size: c.members.length,
          group_definition: `Venezuelan nationals held at ${c.facility.name} and designated under the Alien Enemies Act (generated).`,
          nationalities: ["VE"],
          citizenship_status: "unknown",
          languages: [],
          protections: [],
          consent: { publish: false, public_record: true, family_status: false },
          summary: "Generated class record.",
          sources: [{ source: ctx.sources.court[0] as string }],
        },
      });
      publicPeople++;
    }
    if (batch.people.length || batch.events.length) await write(batch);
    opts.onProgress?.({ people: total, events: eventSeq });
  } finally {
    await writer?.close();
  }

  // Phase C: matters with their people, and the court orders covering them.
  await db.transaction().execute(async (tx) => {
    for (const [k, c] of classCases.entries()) {
      const courtName = `U.S. District Court for the ${["Northern", "Southern", "Western"][k % 3]} District of Texas`;
      await saveMatter(
        tx,
        {
          id: c.matter,
          caption: `Class of Venezuelan nationals at ${c.facility.name} v. Trump`,
          court: courtName,
          docket_number: `25-cv-${String(1000 + k).padStart(5, "0")}`,
          parties: [],
          filed_on: day(c.issued - 24 * HOUR),
          status: "class certified provisionally",
          summary: "Class habeas action against removals under the Alien Enemies Act (generated).",
          people: [c.group, ...c.members],
        },
        [{ source: ctx.sources.court[0] as string }],
      );
      await saveOrder(
        tx,
        {
          id: c.order,
          matter: c.matter,
          kind: "TRO",
          issued_at: iso(c.issued),
          precision: "minute",
          tz: "America/Chicago",
          oral: k === 0,
          covers: {
            people: [c.group, ...c.members],
            class_definition: `Venezuelan nationals held at ${c.facility.name}`,
          },
          bars: ["removal"],
          summary: "Temporary restraining order barring removal of the class under the Alien Enemies Act.",
        },
        [{ source: ctx.sources.court[0] as string }],
      );
    }
    for (const m of matters) {
      await saveMatter(tx, { ...m, parties: [] }, [{ source: ctx.sources.court[0] as string }]);
    }
    for (const o of orders) await saveOrder(tx, o, [{ source: ctx.sources.court[0] as string }]);
    // Petitions whose timeline ran out before the order: keep the matter, filed but undecided.
    const done = new Set(matters.map((m) => m.id));
    for (const pt of petitions.values()) {
      if (done.has(pt.matter)) continue;
      await saveMatter(
        tx,
        {
          id: pt.matter,
          caption: "Habeas petition (generated)",
          court: "U.S. District Court",
          parties: [],
          status: "pending",
          people: [pt.person],
        },
        [],
      );
    }
  });

  return {
    seed,
    prefix,
    people: total,
    groups: classes,
    public_people: publicPeople,
    events: eventSeq,
    facilities: made.length + Object.keys(special).length,
    facilities_reused: reuse,
    matters: classCases.length + petitions.size,
    orders: classCases.length + orders.length,
    sources: sources.length,
    names: pools.from,
    seconds: (performance.now() - started) / 1000,
  };
}
