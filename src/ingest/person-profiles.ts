// What an article says about each person it names, for proposing people the record lacks: every surface
// form, nationality, the facility and event it places them in, and the sentence that says so.
import { foldName, nameTokens } from "../domain/names.ts";
import { eventCues } from "./event-cues.ts";
import type { ExtractedArticle } from "./extract.ts";
import { resolveIdentities } from "./identity.ts";
import { sentences, splitArticle } from "./text.ts";

export type PersonProfile = {
  name: string;
  forms: string[];
  /** ISO 3166-1 alpha-2, from a demonym or a country beside the name. */
  nationality: string | null;
  facility: { id: string | null; name: string } | null;
  event: { type: string; date: string } | null;
  /** The sentence (or list row) that names them: the citation a reviewer reads. */
  sentence: string;
  /** Role words the text gives them ("judge", "senator"): officials are not proposed as new people. */
  roles: string[];
  /** Named only in a byline or a credit line (journalists, photographers): not a person of the story. */
  credited: boolean;
};

// Demonyms (English, Spanish) and country names → ISO code, folded. A country name alone says where someone
// was sent as often as where they are from, so it counts only in a list row or table cell of its own.
const COUNTRY: [RegExp, RegExp, string][] = [
  [/\b(venezuelans?|venezolan[oa]s?)\b/, /\bvenezuela\b/, "VE"],
  [/\b(salvadorans?|salvadoreans?|salvadoren[oa]s?)\b/, /\bel salvador\b/, "SV"],
  [/\b(guatemalans?|guatemaltec[oa]s?)\b/, /\bguatemala\b/, "GT"],
  [/\b(hondurans?|hondure[nñ][oa]s?)\b/, /\bhonduras\b/, "HN"],
  [/\b(mexicans?|mexican[oa]s?)\b/, /\bmexico\b/, "MX"],
  [/\b(colombians?|colombian[oa]s?)\b/, /\bcolombia\b/, "CO"],
  [/\b(cubans?|cuban[oa]s?)\b/, /\bcuba\b/, "CU"],
  [/\b(nicaraguans?|nicaraguenses?)\b/, /\bnicaragua\b/, "NI"],
  [/\b(ecuadorians?|ecuatorian[oa]s?)\b/, /\becuador\b/, "EC"],
  [/\b(haitians?|haitian[oa]s?)\b/, /\bhaiti\b/, "HT"],
  [/\b(peruvians?|peruan[oa]s?)\b/, /\bperu\b/, "PE"],
  [/\b(dominicans?|dominican[oa]s?)\b/, /\brepublica dominicana\b/, "DO"],
];

const OFFICIAL_ROLES = new Set(
  (
    "president vice secretary sen senator rep representative congressman congresswoman judge justice justices " +
    "attorney general gov governor mayor czar commissioner director minister ambassador sheriff spokesman " +
    "spokeswoman spokesperson lawyer journalist reporter photojournalist commentator lobbyist professor prof " +
    "presidente presidenta juez jueza ministro ministra fiscal abogado abogada gobernador gobernadora alcalde " +
    "alcaldesa diputado diputada senador senadora canciller secretario secretaria periodista vocero vocera " +
    "portavoz ceo founder editor correspondent researcher analyst expresidente mandatario official officer " +
    "agent chief head executive adviser advisor diplomat envoy funcionario funcionaria agente jefe jefa " +
    "director directora asesor asesora embajador embajadora coordinator coordinadora coordinador deputy " +
    "representative"
  ).split(" "),
);

function nationalityIn(text: string, row: boolean): string | null {
  const f = ` ${foldName(text)} `;
  let found = COUNTRY.filter(([demonym]) => demonym.test(f)).map(([, , c]) => c);
  if (!found.length && row) found = COUNTRY.filter(([, country]) => country.test(f)).map(([, , c]) => c);
  // Two nationalities in one sentence do not say which is whose.
  return new Set(found).size === 1 ? found[0]! : null;
}

/** The line of a list item, and the line that introduces its list ("The names of the Venezuelans:"). */
function listContext(body: string, at: number): { row: string; lead: string } | null {
  const lineStart = body.lastIndexOf("\n", at) + 1;
  let lineEnd = body.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = body.length;
  const row = body.slice(lineStart, lineEnd);
  if (!/^\s*(?:[-*•·▪–—]|\d{1,4}[.)]|\|)/u.test(row) && !/[|\t]/.test(row)) return null;
  const before = body.slice(0, lineStart).split("\n");
  for (let k = before.length - 1; k >= 0; k--) {
    const line = before[k]!.trim();
    if (
      line &&
      !/^(?:[-*•·▪–—]|\d{1,4}[.)]|\|)/u.test(line) &&
      !/[|\t]/.test(line) &&
      /\p{Ll}{3}/u.test(line)
    )
      return { row, lead: line };
  }
  return { row, lead: "" };
}

/** The line or sentence of the body that holds a position. */
function citationAt(body: string, at: number): string {
  const lineStart = body.lastIndexOf("\n", at) + 1;
  let lineEnd = body.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = body.length;
  const line = body.slice(lineStart, lineEnd);
  const s = sentences(line).find((x, k, all) => {
    const next = all[k + 1];
    return lineStart + x.start <= at && (!next || lineStart + next.start > at);
  });
  return (s?.text ?? line).replace(/\s+/g, " ").trim().slice(0, 1000);
}

/**
 * One profile per identity among the article's people (forms that identity resolution joins become one
 * profile), people named by one word only left out: a lone surname is not enough to open a record.
 */
export function personProfiles(article: ExtractedArticle, text: string, reference?: Date): PersonProfile[] {
  const body = splitArticle(text).body;
  const byName = new Map(article.people.map((p, i) => [p.name, i]));
  const cues = eventCues(text, article.people, article.language, reference);
  const known = article.facilities;
  const groups = resolveIdentities(article.people.map((p) => p.name)).identities;
  const out: PersonProfile[] = [];
  for (const g of groups) {
    const idx = g.members.map((m) => byName.get(m)).filter((i): i is number => i !== undefined);
    const people = idx.map((i) => article.people[i]!);
    const best = people.find((p) => p.name === g.canonical) ?? people[0];
    if (!best || nameTokens(best.name).length < 2) continue;
    const roles = [...new Set(people.flatMap((p) => p.roles))] as string[];
    const mentions = article.mentions.filter((m) => idx.includes(m.person));
    const first = mentions[0];
    const sentence = first ? citationAt(body, first.start) : best.name;
    const around = mentions.map((m) => citationAt(body, m.start));
    const lineOf = (at: number) => {
      const start = body.lastIndexOf("\n", at) + 1;
      const end = body.indexOf("\n", at);
      return body.slice(start, end < 0 ? body.length : end);
    };
    const credited = mentions.length > 0 && mentions.every((m) => CREDIT.test(lineOf(m.start)));
    // "X, a spokeswoman for the department", "X, an acting field office director", "X, secretary general of":
    // a role given in apposition.
    for (const m of mentions) {
      const after = /^[’']?s?\s*,\s+(?:(?:an?|the|el|la|un|una)\s+)?((?:[\p{L}.-]+\s+){0,5}[\p{L}-]+)/u.exec(
        body.slice(m.end, m.end + 80),
      );
      const role = after?.[1]
        ?.split(/\s+/)
        .map((w) => foldName(w))
        .find((w) => OFFICIAL_ROLES.has(w));
      if (role) roles.push(role);
    }
    let nationality: string | null = null;
    const list = first ? listContext(body, first.start) : null;
    if (list) nationality = nationalityIn(list.row, true) ?? nationalityIn(list.lead, false);
    for (const s of around) {
      if (nationality) break;
      nationality = nationalityIn(s, false);
    }
    // The facility named beside them, else the article's only facility.
    let facility: PersonProfile["facility"] = null;
    for (const s of around) {
      const f = known.find((x) => x.forms.some((form) => foldName(s).includes(foldName(form))));
      if (f) {
        facility = { id: f.id ?? null, name: f.name };
        break;
      }
    }
    if (!facility && known.length === 1) facility = { id: known[0]!.id ?? null, name: known[0]!.name };
    const cue = cues.find((c) => people.some((p) => p.name === c.person));
    out.push({
      name: best.name,
      forms: [...new Set(people.flatMap((p) => p.forms))],
      nationality,
      facility,
      event: cue ? { type: cue.type, date: cue.date } : null,
      sentence: cue?.sentence ?? sentence,
      roles,
      credited,
    });
  }
  return out;
}

/** Officials, lawyers and journalists are in the story, not in detention: never proposed as new people. */
export function isOfficialProfile(p: PersonProfile): boolean {
  return p.credited || p.roles.some((r) => OFFICIAL_ROLES.has(foldName(r)));
}

// Lines that credit the people who made the article: bylines, contributors, photo and graphics credits.
const CREDIT =
  /^\s*(?:by|por|credits?|cr[eé]ditos|graphics|gr[aá]ficos|reporting|edited|editado|edici[oó]n|photos?|fotos?|fotograf[ií]a|design|dise[nñ]o|data|datos|research|investigaci[oó]n|video)\b[^:\n]{0,40}:|\b(?:contributed (?:to )?(?:this|reporting)|contribuy[oó]|reporting by|additional reporting|photo(?:graph)?s? by|fotos? de|graphics by|edited by|editado por)\b/iu;
