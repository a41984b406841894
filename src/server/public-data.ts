// The open dataset over HTTP, no sign-in: GET /data/public.json and GET /data/public.csv?table=people|….
// Built by the one public-dataset service, so the pages' links, the API and `habeas export` agree.
import { z } from "zod";
import { badInput, problemsFromZod } from "../domain/errors.ts";
import { buildPublicDataset, PUBLIC_TABLES, publicTable, toCsv } from "../services/public-dataset.ts";
import type { Database } from "../services/store.ts";
import type { router } from "./routes.ts";

const CsvQuery = z.object({ table: z.enum(PUBLIC_TABLES).default("people") });

export function registerPublicData(r: ReturnType<typeof router>, db: Database) {
  // Kept between writes (server/public-cache.ts): the whole open dataset is built for a read (~0.4 s at
  // 100,000 people, 2,055 of them public), and it is the same for every anonymous reader.
  const pub = { method: "GET", action: "read", resource: "public", kind: "api", cache: "public" } as const;

  r.add({ ...pub, path: "/data/public.json" }, async (c) => {
    const ds = await buildPublicDataset(db);
    c.header("Cache-Control", "public, max-age=300");
    c.header("Content-Disposition", 'inline; filename="habeas-public.json"');
    c.header("X-Habeas-Audit-Head", `${ds.audit_head.seq}:${ds.audit_head.hash}`);
    return c.json(ds);
  });

  r.add({ ...pub, path: "/data/public.csv" }, async (c) => {
    const q = CsvQuery.safeParse(c.req.query());
    if (!q.success) throw badInput("invalid request", problemsFromZod(q.error.issues));
    const ds = await buildPublicDataset(db);
    c.header("Cache-Control", "public, max-age=300");
    c.header("Content-Disposition", `attachment; filename="habeas-public-${q.data.table}.csv"`);
    c.header("X-Habeas-Audit-Head", `${ds.audit_head.seq}:${ds.audit_head.hash}`);
    return c.body(toCsv(publicTable(ds, q.data.table)), 200, { "Content-Type": "text/csv; charset=utf-8" });
  });
}
