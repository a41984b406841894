// Parses JSON columns through zod on the way out of the store (stored JSON is an edge too).
import type { z } from "zod";
import { AppError } from "../domain/errors.ts";

export function readJson<T extends z.ZodType>(schema: T, text: string | null, what: string): z.infer<T> {
  let value: unknown;
  try {
    value = text == null || text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("INTERNAL", `stored ${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("INTERNAL", `stored ${what} does not match its schema`);
  return parsed.data;
}

export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
export const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
export const und = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
