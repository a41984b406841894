// Who may do what: the one policy table every route and service consults.
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
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Someone making a request: anonymous visitors are role "public". */
export type Viewer = { role: Role; userId?: string; team?: string };
export const ANONYMOUS: Viewer = Object.freeze({ role: "public" });
export const OPERATOR: Viewer = Object.freeze({ role: "admin", userId: "cli" });

type Grants = Partial<Record<Resource, readonly Action[]>>;
export const POLICY: Readonly<Record<Role, Grants>> = {
  public: { public: ["read"] },
  viewer: { public: ["read"], case: ["read"], source: ["read"] },
  volunteer: { public: ["read"], case: ["read", "write"], source: ["read", "write"] },
  lawyer: {
    public: ["read"],
    case: ["read", "write"],
    restricted: ["read", "write"],
    source: ["read", "write"],
    import: ["write"],
  },
  admin: {
    public: ["read"],
    case: ["read", "write"],
    restricted: ["read", "write"],
    source: ["read", "write"],
    import: ["write"],
    user: ["read", "write", "admin"],
    audit: ["read"],
  },
};

export function can(viewer: Viewer, action: Action, resource: Resource): boolean {
  return POLICY[viewer.role][resource]?.includes(action) ?? false;
}

/** The most sensitive field level this viewer may read. */
export function clearanceOf(viewer: Viewer): Sensitivity {
  if (can(viewer, "read", "restricted")) return "restricted";
  if (can(viewer, "read", "case")) return "team";
  return "public";
}
