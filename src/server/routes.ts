// The one authorization point: every route is declared with the action and resource it needs,
// checked against the policy before its handler runs. The route table also feeds the route × role test.
import type { Context, Hono, Input } from "hono";
import { AppError } from "../domain/errors.ts";
import { type Action, ANONYMOUS, can, type Resource, type Viewer } from "../domain/policy.ts";
import type { AuthOptions } from "./auth/session.ts";
import type { Page } from "./pages/page.ts";
import type { PublicCache } from "./public-cache.ts";

/** What a request carries between middleware and handlers, typed once for the whole app. */
export type Vars = {
  viewer: Viewer;
  /** The anti-forgery token of a signed-in page. */
  csrf?: string;
  authOptions?: Required<AuthOptions>;
  /** The session token, when the request named a live session. */
  sessionToken?: string;
  /** A pre-session made for this request (an anonymous form's anti-forgery secret). */
  preSession?: string;
  page?: Page;
  uploadLimit?: number;
};
export type Env = { Variables: Vars };
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteSpec = {
  method: Method;
  path: string;
  action: Action;
  resource: Resource;
  kind: "api" | "page";
  /**
   * "public": an anonymous GET is answered from the public cache (server/public-cache.ts) while the store is
   * unchanged. Only for answers that are the same for every anonymous visitor and depend on the store alone.
   */
  cache?: "public";
};
// biome-ignore lint/suspicious/noExplicitAny: handlers return whatever Hono accepts.
type Handler = (c: Context<Env, string, Input>) => any;

export function viewerOf(c: Context<Env>): Viewer {
  return c.get("viewer") ?? ANONYMOUS;
}

/** Registers routes on an app, each behind the policy check; keeps the list for tests and docs. */
export function router(app: Hono<Env>, cache?: PublicCache) {
  const table: RouteSpec[] = [];
  const add = (spec: RouteSpec, handler: Handler) => {
    table.push(spec);
    app.on(spec.method, spec.path, async (c) => {
      const viewer = viewerOf(c);
      if (!can(viewer, spec.action, spec.resource)) {
        if (viewer.role === "public") throw new AppError("UNAUTHENTICATED", "sign in to see this");
        throw new AppError("FORBIDDEN", "your role does not allow this");
      }
      if (cache && spec.cache === "public" && spec.method === "GET" && viewer === ANONYMOUS)
        return cache.serve(c, async () => handler(c));
      return handler(c);
    });
  };
  return { table, add };
}

/** A path parameter the route pattern guarantees. */
export function param(c: Context<Env, string, Input>, name: string): string {
  const v = c.req.param(name);
  if (!v) throw new AppError("BAD_INPUT", `missing ${name}`);
  return v;
}
