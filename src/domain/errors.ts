// The one error type habeas throws, with a closed set of codes that the server and CLI map.
export const ERROR_CODES = [
  "BAD_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "TOO_LARGE",
  "STORE_UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem in user-authored input: where it is and what is wrong. */
export type Problem = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  constructor(code: ErrorCode, message: string, problems: Problem[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.problems = problems;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turns zod issues into problems, so every edge reports all of them at once. */
export function problemsFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Problem[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

export function badInput(message: string, problems: Problem[] = []): AppError {
  return new AppError("BAD_INPUT", message, problems);
}
