// Shared shapes of the rules engine: rules as data, the findings they produce, the case they read.
import type { CourtOrder, JudgedPerson, TimelineEvent } from "../domain/model.ts";
import type { CaseIndex } from "./timeline.ts";

export const SEVERITIES = ["violation", "possible_issue", "deadline", "information"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const LANGS = ["en", "es"] as const;
export type Lang = (typeof LANGS)[number];

/** A text in every language the engine speaks. */
export type Msg = { en: string; es: string };

export type Due = { date: string; days_remaining: number; label: string };

export type Finding = {
  rule: string;
  version: number;
  person: string;
  severity: Severity;
  title: string;
  text: string;
  basis: string[];
  confidence: Confidence;
  events: string[];
  missing: string[];
  contested?: { note: string; as_of: string };
  due?: Due;
  days_elapsed?: number;
  order?: string;
};

/** Orders that cover this person, directly or through a group record they belong to (or the group itself). */
export type CaseFile = { person: JudgedPerson; events: readonly TimelineEvent[]; orders: CourtOrder[] };

export type EvaluateOptions = { asOf: string; lang?: Lang };

/**
 * What a rule's condition reports: the words (both languages, so the caller picks), the events that
 * triggered it and the absences it relied on. Severity and confidence default to the rule's own.
 */
export type Hit = {
  text: Msg;
  events: string[];
  missing?: Msg[];
  /**
   * Another severity for this hit. Never "deadline": a deadline is only ever a rule's own severity, so the
   * deadlines view can evaluate just those rules (engine.ts DEADLINE_RULES).
   */
  severity?: Exclude<Severity, "deadline">;
  confidence?: Confidence;
  /** Only when this hit is in contested territory although the rule as a whole is not. */
  contested?: { note: Msg; as_of: string };
  /** Authorities for this variant, in place of the rule's own list (an empty list keeps the rule's). */
  basis?: readonly string[];
  due?: { date: string; days_remaining: number; label: Msg };
  days_elapsed?: number;
  order?: string;
};

export type Rule = {
  id: string;
  version: number;
  /** Stable code name, e.g. REMOVED_TO_PROTECTED_COUNTRY. */
  name: string;
  severity: Severity;
  confidence: Confidence;
  title: Msg;
  basis: readonly string[];
  /** Unsettled law: the caveat the UI shows as a badge, and the date it was last checked against. */
  contested?: { note: Msg; as_of: string };
  /** Citizenship rules run first and colour every other finding (see engine.ts). */
  citizenship?: boolean;
  check: (c: CaseIndex, out: Hit[]) => void;
};
