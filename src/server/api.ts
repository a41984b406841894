// The JSON API: people, events, facilities, legal matters, orders, sources and search.
import type { Context, Hono } from "hono";
import { z } from "zod";
import { badInput, problemsFromZod } from "../domain/errors.ts";
import { clearanceOf } from "../domain/policy.ts";
import {
  getFacility,
  getMatter,
  getOrderFor,
  getSource,
  listFacilitiesFor,
  pageOfMattersFor,
  pageOfOrdersFor,
  pageOfSourcesFor,
} from "../services/catalog.ts";
import { complianceForOrder, findingsForPerson } from "../services/findings.ts";
import {
  countPeopleFor,
  getPersonRecord,
  getPersonTimeline,
  listPeopleFor,
} from "../services/person-record.ts";
import { createPerson, recordEvent } from "../services/record-case.ts";
import { searchPeople, searchRecord } from "../services/search-people.ts";
import type { Database } from "../services/store.ts";
import { csrfToken } from "./auth/csrf.ts";
import { sessionToken } from "./auth/session.ts";
import { jsonWithEtag } from "./etag.ts";
import { type Env, param, type router, viewerOf } from "./routes.ts";

const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const FindingsQuery = z.object({
  lang: z.enum(["en", "es"]).default("en"),
  // A calendar date: as things stood at the end of that day where they happened (the person's or the
  // order's own zone).
  as_of: z.iso.date().optional(),
});
const Query = z.object({ q: z.string().trim().min(1, "q is required").max(200) });

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badInput("invalid request", problemsFromZod(r.error.issues));
  return r.data;
}

async function body(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw badInput("request body is not valid JSON");
  }
}

export function registerApi(r: ReturnType<typeof router>, db: Database, _app: Hono<Env>) {
  const pub = { action: "read", resource: "public", kind: "api" } as const;
  // Reads whose anonymous answer depends on the store alone: kept in the public cache (server/public-cache.ts).
  const cached = { ...pub, cache: "public" } as const;
  const caseRead = { action: "read", resource: "case", kind: "api" } as const;
  const caseWrite = { action: "write", resource: "case", kind: "api" } as const;
  /** A page of the people this viewer may see, and how many there are. */
  const peoplePage = async (c: Context<Env>) => {
    const page = parse(Page, c.req.query());
    const viewer = viewerOf(c);
    const [people, total] = await Promise.all([listPeopleFor(db, viewer, page), countPeopleFor(db, viewer)]);
    return { people, total, ...page };
  };

  r.add({ method: "GET", path: "/api/people", ...cached }, async (c) => c.json(await peoplePage(c)));
  r.add({ method: "GET", path: "/api/people/search", ...pub }, async (c) => {
    const { q } = parse(Query, c.req.query());
    return c.json({ matches: await searchPeople(db, q, viewerOf(c)) });
  });
  r.add({ method: "GET", path: "/api/people/:id", ...cached }, async (c) => {
    return c.json(await getPersonRecord(db, param(c, "id"), viewerOf(c)));
  });
  r.add({ method: "GET", path: "/api/people/:id/events", ...cached }, async (c) => {
    // The tag is made after getPersonTimeline's visibility check, from what this viewer may see.
    return jsonWithEtag(c, { events: await getPersonTimeline(db, param(c, "id"), viewerOf(c)) });
  });
  r.add({ method: "GET", path: "/api/people/:id/findings", ...pub }, async (c) => {
    const q = parse(FindingsQuery, c.req.query());
    return c.json({
      findings: await findingsForPerson(db, param(c, "id"), viewerOf(c), { asOfDay: q.as_of, lang: q.lang }),
    });
  });
  r.add({ method: "GET", path: "/api/orders/:id/compliance", ...pub }, async (c) => {
    const q = parse(FindingsQuery, c.req.query());
    return c.json(await complianceForOrder(db, param(c, "id"), viewerOf(c), { asOfDay: q.as_of }));
  });
  r.add({ method: "POST", path: "/api/people", ...caseWrite }, async (c) => {
    const id = await createPerson(db, await body(c), viewerOf(c));
    return c.json({ id }, 201);
  });
  r.add({ method: "POST", path: "/api/events", ...caseWrite }, async (c) => {
    return c.json(await recordEvent(db, await body(c), viewerOf(c)), 201);
  });
  r.add({ method: "GET", path: "/api/facilities", ...cached }, async (c) => {
    const page = parse(Page, c.req.query());
    return c.json({ facilities: await listFacilitiesFor(db, page), ...page });
  });
  r.add({ method: "GET", path: "/api/facilities/:id", ...cached }, async (c) =>
    c.json(await getFacility(db, param(c, "id"))),
  );
  r.add({ method: "GET", path: "/api/matters", ...cached }, async (c) => {
    const page = parse(Page, c.req.query());
    return c.json({ ...(await pageOfMattersFor(db, viewerOf(c), page)), ...page });
  });
  r.add({ method: "GET", path: "/api/matters/:id", ...cached }, async (c) =>
    c.json(await getMatter(db, param(c, "id"), viewerOf(c))),
  );
  r.add({ method: "GET", path: "/api/orders", ...cached }, async (c) => {
    const page = parse(Page, c.req.query());
    return c.json({ ...(await pageOfOrdersFor(db, viewerOf(c), page)), ...page });
  });
  r.add({ method: "GET", path: "/api/orders/:id", ...cached }, async (c) =>
    c.json(await getOrderFor(db, param(c, "id"), viewerOf(c))),
  );
  r.add({ method: "GET", path: "/api/sources", ...cached }, async (c) => {
    const page = parse(Page, c.req.query());
    return c.json({ ...(await pageOfSourcesFor(db, viewerOf(c), page)), ...page });
  });
  r.add({ method: "GET", path: "/api/sources/:id", ...cached }, async (c) =>
    c.json(await getSource(db, param(c, "id"), viewerOf(c))),
  );
  r.add({ method: "GET", path: "/api/search", ...pub }, async (c) => {
    const { q } = parse(Query, c.req.query());
    return c.json({ hits: await searchRecord(db, q, viewerOf(c)) });
  });
  r.add({ method: "GET", path: "/api/whoami", ...pub }, (c) => {
    const v = viewerOf(c);
    // A signed-in client reads its anti-forgery token here, for the X-CSRF-Token header of its writes.
    const session = sessionToken(c);
    return c.json({
      role: v.role,
      clearance: clearanceOf(v),
      ...(session ? { username: v.userId, team: v.team ?? null, csrf: csrfToken(c) } : {}),
    });
  });
  // Staff-only listing of everything, including people not yet public.
  r.add({ method: "GET", path: "/api/cases", ...caseRead }, async (c) => c.json(await peoplePage(c)));
}
