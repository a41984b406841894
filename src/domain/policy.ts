// Who may do what: the one policy table every route and service consults.
import type { PersonData } from "./model.ts";
import type { Sensitivity } from "./sensitivity.ts";

export const ROLES = ["public", "viewer", "volunteer", "lawyer", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ACTIONS = ["read", "write", "admin"] as const;
export type Action = (typeof ACTIONS)[number];
export const RESOURCES = [
  "public", // dashboard, public people, know-your-rights, open dataset
  "case", // people, events, orders and matters with team fields
  "restricted", // restricted fields (A-number, birth date, notes)
  "source",
  "import",
  "user",
  "audit",
  "session", // signing in and out
  "family", // family status by case code (read); issuing case codes (write)
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Someone making a request: anonymous visitors are role "public". */
export type Viewer = { role: Role; userId?: string; team?: string };
export const ANONYMOUS: Viewer = Object.freeze({ role: "public" });
/** Whoever runs the `habeas` command on the server: they hold the database and the key already. */
export const OPERATOR: Viewer = Object.freeze({ role: "admin", userId: "cli" });
/** A family member who proved a case code and passphrase: no account, no role beyond the public. */
export const FAMILY: Viewer = Object.freeze({ role: "public", userId: "family" });

type Grants = Partial<Record<Resource, readonly Action[]>>;
const EVERYONE = { public: ["read"], session: ["read", "write"], family: ["read"] } as const;
export const POLICY: Readonly<Record<Role, Grants>> = {
  public: { ...EVERYONE },
  viewer: { ...EVERYONE, case: ["read"], source: ["read"] },
  volunteer: { ...EVERYONE, case: ["read", "write"], source: ["read", "write"] },
  lawyer: {
    ...EVERYONE,
    case: ["read", "write"],
    restricted: ["read", "write"],
    source: ["read", "write"],
    import: ["write"],
    family: ["read", "write"],
  },
  admin: {
    ...EVERYONE,
    case: ["read", "write"],
    restricted: ["read", "write"],
    source: ["read", "write"],
    import: ["write"],
    family: ["read", "write"],
    user: ["read", "write", "admin"],
    audit: ["read"],
  },
};

/** Roles a user account can have ("public" is the anonymous visitor, never an account). */
export const USER_ROLES = ["viewer", "volunteer", "lawyer", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export function can(viewer: Viewer, action: Action, resource: Resource): boolean {
  return POLICY[viewer.role][resource]?.includes(action) ?? false;
}

/** The most sensitive field level this viewer may read. */
export function clearanceOf(viewer: Viewer): Sensitivity {
  if (can(viewer, "read", "restricted")) return "restricted";
  if (can(viewer, "read", "case")) return "team";
  return "public";
}

/**
 * Whether a person's record is public: they consented to publication, or their case is a public court
 * record. Stored beside the record as people.is_public (store/people.ts toRow) for queries to filter on.
 */
export function isPublic(p: { consent: Pick<PersonData["consent"], "publish" | "public_record"> }): boolean {
  return p.consent.publish || p.consent.public_record;
}
