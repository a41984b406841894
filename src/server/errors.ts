// One error handler: AppError codes → HTTP status and a JSON (or HTML) error body; nothing else leaks.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, isAppError } from "../domain/errors.ts";

export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function toErrorBody(e: unknown): {
  status: ContentfulStatusCode;
  body: { error: { code: string; message: string; problems?: { path: string; message: string }[] } };
} {
  if (isAppError(e)) {
    const body: { code: string; message: string; problems?: { path: string; message: string }[] } = {
      code: e.code,
      message: e.message,
    };
    if (e.problems.length) body.problems = e.problems;
    return { status: STATUS[e.code], body: { error: body } };
  }
  // Malformed JSON bodies surface as SyntaxError from c.req.json().
  if (e instanceof SyntaxError) {
    return { status: 400, body: { error: { code: "BAD_INPUT", message: "request body is not valid JSON" } } };
  }
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error" } } };
}

export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").includes("application/json");
}
