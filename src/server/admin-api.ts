// Administration over the JSON API: accounts (admins only) and the audit log's recent entries and check.
import { z } from "zod";
import { type NewUser, TeamSchema } from "../domain/accounts.ts";
import { badInput, problemsFromZod } from "../domain/errors.ts";
import { USER_ROLES } from "../domain/policy.ts";
import { createUser, listUsersFor, setPassword, updateUserAccess } from "../services/accounts.ts";
import { recentAudit, verifyAuditLog } from "../services/audit.ts";
import type { Database } from "../services/store.ts";
import { param, type router, viewerOf } from "./routes.ts";

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badInput("invalid request", problemsFromZod(r.error.issues));
  return r.data;
}

async function json(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw badInput("request body is not valid JSON");
  }
}

const UserChange = z.strictObject({
  role: z.enum(USER_ROLES).optional(),
  team: TeamSchema.nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(256).optional(),
});
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  subject: z.string().max(200).optional(),
});

export function registerAdminApi(r: ReturnType<typeof router>, db: Database) {
  const api = { kind: "api" } as const;
  r.add({ method: "GET", path: "/api/users", action: "read", resource: "user", ...api }, async (c) =>
    c.json({ users: await listUsersFor(db, viewerOf(c)) }),
  );
  r.add({ method: "POST", path: "/api/users", action: "admin", resource: "user", ...api }, async (c) =>
    c.json(await createUser(db, (await json(c)) as NewUser, viewerOf(c)), 201),
  );
  r.add(
    { method: "PATCH", path: "/api/users/:username", action: "admin", resource: "user", ...api },
    async (c) => {
      const { password, ...change } = parse(UserChange, await json(c));
      const username = param(c, "username");
      if (password !== undefined) await setPassword(db, username, password, viewerOf(c));
      if (Object.keys(change).length)
        return c.json(await updateUserAccess(db, username, change, viewerOf(c)));
      const user = (await listUsersFor(db, viewerOf(c))).find((u) => u.username === username.toLowerCase());
      return c.json(user ?? null);
    },
  );
  r.add({ method: "GET", path: "/api/audit", action: "read", resource: "audit", ...api }, async (c) => {
    const q = parse(AuditQuery, c.req.query());
    return c.json({ entries: await recentAudit(db, viewerOf(c), q) });
  });
  r.add({ method: "GET", path: "/api/audit/verify", action: "read", resource: "audit", ...api }, async (c) =>
    c.json(await verifyAuditLog(db)),
  );
}
