// Small helpers the docket readers share: text and dates as they come in docket JSON.
import type { DocketParty } from "./types.ts";

/** Trimmed text, or undefined for null, empty and non-text values. */
export function text(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return undefined;
  const t = v.replace(/\s+/g, " ").trim();
  return t || undefined;
}

/** A calendar date (YYYY-MM-DD) from an ISO date or timestamp, or undefined. */
export function day(v: unknown): string | undefined {
  const t = text(v);
  const m = t && /^(\d{4}-\d{2}-\d{2})/.exec(t);
  return m ? m[1] : undefined;
}

/** "2:17-cr-00378-SPL" → "cr". */
export function caseTypeOf(docketNumber: string): string | undefined {
  return /^\d+:\d{2}-([a-z]{2,3})-/i.exec(docketNumber.trim())?.[1]?.toLowerCase();
}

/** Names a party also goes by, from PACER's "also known as" lines. */
export function aliasesFrom(extra: unknown): string[] {
  const t = typeof extra === "string" ? extra : "";
  const out: string[] = [];
  const lines = t.split("\n").map((l) => l.trim());
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    if (/^also known as$/i.test(l) && next && !/^TERMINATED/i.test(next)) out.push(next);
  });
  return [...new Set(out)];
}

export function uniqueParties(parties: DocketParty[]): DocketParty[] {
  const seen = new Map<string, DocketParty>();
  for (const p of parties) {
    const key = `${p.name.toLowerCase()}|${(p.type ?? "").toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}
