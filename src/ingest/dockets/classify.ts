// What a docket entry is — a court order of some kind, a notice of appeal, a minute entry, a filing — read
// from its text alone, and whether the case is an immigration matter at all. Pure and table-tested: a stay,
// a habeas grant or a bar on removal is only ever read from an immigration case.
import type { ParsedDocket } from "./types.ts";

const ORDER_CLASSES = [
  "order",
  "minute_order",
  "TRO",
  "PI",
  "show_cause",
  "stay",
  "judgment",
  "habeas_grant",
] as const;
const EVENT_CLASSES = ["notice_of_appeal", "minute_entry", "petition", "complaint", "filing"] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];
export type EntryClass = OrderClass | (typeof EVENT_CLASSES)[number];
type Bar = "removal" | "transfer" | "detention";

const ORDER_SET: ReadonlySet<string> = new Set(ORDER_CLASSES);
export const isOrderClass = (c: EntryClass): c is OrderClass => ORDER_SET.has(c);

/** Words that may stand before ORDER in an order's title ("MEMORANDUM AND ORDER", "DOCKET TEXT ORDER"). */
const TITLE_WORDS = new Set(
  `minute text docket electronic oral scheduling and trial protective standing initial amended corrected
  memorandum opinion stipulation stipulated joint abstract of final preliminary first second third consent
  agreed temporary restraining arraignment standard discovery case management civil plan confidentiality
  agreement supplemental revised sealed restricted pretrial order/agreement procedural progression decision`
    .split(/\s+/)
    .filter(Boolean),
);

const FILING_WORDS = new Set(
  `motion notice response reply petition application request return remark letter certificate objection
  opposition proposed transcript usms usca mandate declaration exhibit brief summons affidavit in re to for`
    .split(/\s+/)
    .filter(Boolean),
);

/** Clerk prefixes before the entry's own title: "Judge X: ", "EP: ", "**SEALED**", "(Court only)". */
function lead(description: string): string {
  let t = description.trim();
  for (let i = 0; i < 4; i++) {
    const before = t;
    t = t
      .replace(/^\*+[^*]{0,60}\*+\s*/, "")
      .replace(/^\((?:court only|copy|restricted)\)\s*/i, "")
      .replace(/^(?:E[OP]|ENTRY ERROR)\s*[:-]\s*/i, "")
      .replace(/^(?:(?:senior|chief|district|magistrate|u\.?s\.?)\s+)*judge\s+[^:]{2,60}:\s*/i, "")
      .trim();
    if (t === before) break;
  }
  return t;
}

function orderTitle(t: string): string[] | undefined {
  const m = /^((?:[A-Za-z/&'-]+[\s,]+){0,7}?)ORDERS?\b/i.exec(t);
  if (!m) return undefined;
  const words = (m[1] ?? "").split(/[\s,]+/).filter(Boolean);
  // A title word, or a capitalized word that is no filing ("DECORUM ORDER"; not "MOTION for … Order").
  const ok = (w: string) =>
    TITLE_WORDS.has(w.toLowerCase()) ||
    (/[A-Z]/.test(w) && w === w.toUpperCase() && !FILING_WORDS.has(w.toLowerCase()));
  return words.every(ok) ? words.map((w) => w.toLowerCase()) : undefined;
}

const GRANTS = String.raw`\b(?:grant(?:s|ed|ing)?|issu(?:es|ed|ing)|enter(?:s|ed|ing)|so ordered)\b`;
const granted = (t: string, what: string) =>
  new RegExp(`${GRANTS}[^.;]{0,160}?${what}`, "i").test(t) &&
  !new RegExp(String.raw`\bden(?:y|ies|ied|ying)\b[^.;]{0,160}?${what}`, "i").test(t);
const TRO = String.raw`temporary restraining order|\bTRO\b`;
const PI = "preliminary injunction";
const STAY = String.raw`\bstay(?:ing|ed)?\b`;
const HABEAS = "(?:petition|writ) (?:for|of) (?:a )?(?:writ of )?habeas corpus(?! ad)";

export type EntryReading = { kind: EntryClass; bars: Bar[] };

/** Classifies one docket entry. `immigration` says whether its case is an immigration matter. */
export function classifyEntry(description: string, immigration: boolean): EntryReading {
  const t = lead(description);
  const none = (kind: EntryClass): EntryReading => ({ kind, bars: [] });
  if (!t) return none("filing");
  if (/^(?:amended |interlocutory |cross[- ])?notice of (?:interlocutory |cross[- ])?appeal\b/i.test(t))
    return none("notice_of_appeal");
  if (/^(?:text |docket text )?minute(?:s| entry)\b|^minutes\s*:/i.test(t)) return none("minute_entry");
  if (/^(?:amended |final |default |clerk'?s )?judgment\b(?! returned| from usca)/i.test(t))
    return none("judgment");
  if (
    /^(?:amended |corrected |emergency )?(?:verified )?petition for (?:a )?writ of habeas corpus(?! ad)/i.test(
      t,
    )
  )
    return none("petition");
  if (/^(?:amended |verified )?complaint\b/i.test(t)) return none("complaint");
  if (/^temporary restraining order\b/i.test(t)) return { kind: "TRO", bars: bars(t, immigration) };
  if (/^preliminary injunction\b/i.test(t)) return { kind: "PI", bars: bars(t, immigration) };
  const title = orderTitle(t);
  if (!title) return none("filing");
  const titled = title.join(" ");
  // The order's own words after its title: what it grants.
  if (/^(?:[a-z]+ ){0,3}order to show cause\b/i.test(t)) return none("show_cause");
  if (/temporary restraining/.test(titled) || granted(t, TRO))
    return { kind: "TRO", bars: bars(t, immigration) };
  if (granted(t, PI)) return { kind: "PI", bars: bars(t, immigration) };
  if (immigration && (granted(t, HABEAS) || /^order granting (?:the )?(?:amended )?petition\b/i.test(t)))
    return { kind: "habeas_grant", bars: [] };
  if (immigration && (/^orders?\s+staying\b/i.test(t) || granted(t, STAY)))
    return { kind: "stay", bars: bars(t, true).length ? bars(t, true) : ["removal"] };
  if (/\b(?:minute|text|electronic)\b/.test(titled)) return none("minute_order");
  return none("order");
}

/** What an immigration order forbids, from its words; nothing for any other case. */
function bars(t: string, immigration: boolean): Bar[] {
  if (!immigration) return [];
  const out: Bar[] = [];
  if (/\b(?:remov(?:e|al|ing)|deport(?:ed|ing|ation)?)\b/i.test(t)) out.push("removal");
  if (/\btransfer(?:ring|red)?\b/i.test(t)) out.push("transfer");
  if (/\b(?:detain(?:ing)?|detention|re-?arrest(?:ing)?)\b/i.test(t)) out.push("detention");
  return out;
}

const IMMIGRATION_NOS = /^\s*(?:462|463|465)\b|alien detainee|immigration|naturalization/i;
const IMMIGRATION_WORDS =
  /\b(?:immigration|customs enforcement|homeland security|ICE|DHS|USCIS|removal proceedings|deport(?:ation|ed))\b/;

/**
 * Is this docket about immigration detention or removal? The nature of suit decides when it is given
 * (463 Habeas Corpus – Alien Detainee and the other immigration codes); a § 2241 petition counts when the
 * caption or the petition names an immigration agency. Criminal cases never do, whatever they charge.
 */
export function isImmigrationMatter(d: ParsedDocket): boolean {
  if (d.case_type === "cr" || d.case_type === "mj") return false;
  if (d.nature_of_suit && IMMIGRATION_NOS.test(d.nature_of_suit)) return true;
  if (
    d.nature_of_suit &&
    !/^\s*(?:530|540|550|555|560)\b/.test(d.nature_of_suit) &&
    /^\s*\d{3}\b/.test(d.nature_of_suit)
  )
    return false;
  if (!/2241/.test(d.cause ?? "") && !/habeas/i.test(d.nature_of_suit ?? "")) return false;
  const opening = d.entries
    .slice(0, 3)
    .map((e) => e.description)
    .join(" ");
  return IMMIGRATION_WORDS.test(`${d.case_name} ${opening}`);
}
