// Direct quotations (“…”, "…", «…») of five words or more, each with who said it when the text says.
import type { Person, PersonMention } from "./people.ts";
import { paragraphs } from "./text.ts";

export type Quote = { text: string; speaker: string | null; start: number; end: number };

type Span = { start: number; end: number; para: number; wholePara: boolean };

const OPENERS: Record<string, string> = { "“": "”", "«": "»", '"': '"', "„": "“", "'": "'", "‘": "’" };
/** Single quotes double as apostrophes: one opens only before a letter after a space, closes only before a non-letter. */
const SINGLE = new Set(["'", "‘", "’"]);
const SPEECH =
  /(?<![\p{L}\p{N}])(?:said|says|say|told|tells|wrote|writes|added|adds|noted|notes|stated|states|explained|explains|argued|recalled|recounted|asked|continued|warned|confirmed|described|insisted|testified|posted|tweeted|announced|replied|shouted|yelled|cried|cheered|commanded|ruled|declared|remembers|telling|saying|stating|adding|noting|writing|explaining|asking|statement|called|calling|dijo|dice|afirmó|señaló|aseguró|explicó|declaró|indicó|agregó|añadió|escribió|sostuvo|advirtió|comentó|denunció|relató|contó|defendió|expresó|manifestó|calificó|insistió|preguntó|continues|affirmed|affirms|reiterated|reiterates|stressed|stresses|emphasized|emphasised|claimed|claims|acknowledged|admitted|alleged|responded|responds|maintained|maintains|pointed out|observed|lamented|complained|pleaded|urged|branded|labeled|labelled|cuenta|detalló|detalla|reiteró|reitera|subrayó|subraya|enfatizó|destacó|destaca|precisó|apuntó|recordó|recuerda|lamentó|lamenta|reconoció|admitió|respondió|responde|alertó|criticó|agrega|explica|asegura|afirma|señala|relata|insiste|sostiene|narra|narró|expresa|denuncia|advierte|añade|comenta|puntualizó|aseveró|manifiesta)(?![\p{L}\p{N}])/iu;
const NOMINAL =
  /\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Uu]na?|[Ee]l|[Ll]a|[Oo]tro|[Aa]nother|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Ss]u)\s+(?:[\p{L}’'-]+\s+){0,3}?(officers?|guards?|officials?|director|nurse|agents?|soldiers?|man|woman|spokes(?:person|man|woman)|source|funcionarios?|guardias?|agentes?|policías?|oficial|hombre|mujer|detainees?|inmates?|prisoners?|deportees?|migrants?|judge|juez|jueza|ruling|court|majority|justices|order|fallo|tribunal|corte|rule|statement|proclamation|song|sign|message|lawyer|attorney|abogad[oa]|mother|father|madre|padre|wife|husband|esposa|esposo|sister|brother|hermana|hermano|daughter|hija|hijo)\b(?!\s*,?\s*\p{Lu})/gu;
const COURTISH = /^(?:ruling|court|majority|justices|order|fallo|tribunal|corte)$/iu;

function findSpans(body: string): Span[] {
  const paras = paragraphs(body);
  const spans: Span[] = [];
  let open: { start: number; closer: string; para: number; atParaStart: boolean } | undefined;
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi]!;
    for (let k = 0; k < p.text.length; k++) {
      const ch = p.text[k]!;
      const at = p.start + k;
      if (!open) {
        const closer = OPENERS[ch];
        if (closer && SINGLE.has(ch)) {
          const prevCh = p.text[k - 1] ?? " ";
          const nextCh = p.text[k + 1] ?? " ";
          if (!/[\s(:—–-]/u.test(prevCh) || !/\p{L}/u.test(nextCh)) continue;
          // Only a quotation of five words or more that closes in this paragraph.
          const rest = p.text.slice(k + 1);
          const close = rest.search(new RegExp(`[\\p{L}\\p{N}.,!?]${closer}(?![\\p{L}])`, "u"));
          if (close < 0 || wordCount(rest.slice(0, close + 1)) < 5) continue;
        }
        if (closer) open = { start: at + 1, closer, para: pi, atParaStart: p.text.slice(0, k).trim() === "" };
        continue;
      }
      if (SINGLE.has(open.closer) && ch === open.closer && /\p{L}/u.test(p.text[k + 1] ?? " ")) continue;
      if (ch === open.closer || (ch === "”" && open.closer === '"') || (ch === '"' && open.closer === "”")) {
        // A straight quote that opens a new word is a nested opener only when the current one is curly.
        spans.push({
          start: open.start,
          end: at,
          para: open.para,
          wholePara: open.atParaStart && p.text.slice(k + 1).trim().length < 3,
        });
        open = undefined;
      } else if (ch === "“" && open.closer === "”" && at > open.start && p.text.slice(0, k).trim() === "") {
        // A new paragraph of the same quotation reopens it: keep going.
      }
    }
    if (open) {
      const next = paras[pi + 1];
      const continues = next && (/^\s*[“«"]/.test(next.text) || (open.atParaStart && pi - open.para < 12));
      if (!next) break;
      if (!continues) {
        spans.push({
          start: open.start,
          end: p.start + p.text.length,
          para: open.para,
          wholePara: open.atParaStart,
        });
        open = undefined;
      } else if (/^\s*[“«"]/.test(next.text)) {
        // Skip the reopening mark of the next paragraph.
        const skip = next.text.search(/[“«"]/);
        paras[pi + 1] = { text: " ".repeat(skip + 1) + next.text.slice(skip + 1), start: next.start };
      }
    }
  }
  if (open) spans.push({ start: open.start, end: body.length, para: open.para, wholePara: open.atParaStart });
  return spans;
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** Quotations with speakers; people and their mentions come from extractPeople over the same body. */
export function extractQuotes(body: string, people: Person[], allMentions: PersonMention[]): Quote[] {
  const spans = findSpans(body);
  const paras = paragraphs(body);
  // Names said inside a quotation are not who is speaking.
  const mentions = allMentions.filter((m) => !spans.some((sp) => m.start >= sp.start && m.end <= sp.end));
  // Merge "…,” she said, “…" pieces of one sentence.
  const merged: { parts: Span[] }[] = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    const last = prev?.parts[prev.parts.length - 1];
    if (last && last.para === s.para) {
      const gap = body.slice(last.end + 1, s.start - 1);
      const firstEndsComma = /,\s*$/.test(body.slice(last.start, last.end));
      const secondLower = /^[\s…]*\p{Ll}/u.test(body.slice(s.start, s.start + 5));
      if (firstEndsComma && secondLower && gap.length < 120 && /,\s*$/.test(gap) && !/[.!?]\s/.test(gap)) {
        prev.parts.push(s);
        continue;
      }
    }
    merged.push({ parts: [s] });
  }
  const ctx: Ctx = { body, people, mentions, court: findCourt(body) };
  const out: Quote[] = [];
  const seen = new Set<string>();
  let prev: { para: number; speaker: string | null | undefined; end: number } | undefined;
  for (const q of merged) {
    const first = q.parts[0]!;
    const lastPart = q.parts[q.parts.length - 1]!;
    const text = q.parts
      .map((p) => body.slice(p.start, p.end))
      .join(" ")
      .replace(/\s+/g, " ")
      .replace(/[,\s]+$/, "")
      .trim();
    let speaker = attribute(ctx, paras, first, lastPart, q.parts);
    if (speaker === undefined && prev) {
      // “…,” he said. “…” — a quotation that starts the next sentence keeps the speaker.
      const between = body.slice(prev.end + 1, first.start - 1);
      const samePara =
        prev.para === first.para && /[.!?]["”’»]?\s*$/.test(between.trim() ? between.trim() : ".");
      const nextPara = first.wholePara && first.para === prev.para + 1;
      if (samePara || nextPara) speaker = prev.speaker;
    }
    prev = { para: lastPart.para, speaker, end: lastPart.end };
    if (wordCount(text) < 5) continue;
    const key = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text, speaker: speaker ?? null, start: first.start, end: lastPart.end });
  }
  return out;
}

type Ctx = { body: string; people: Person[]; mentions: PersonMention[]; court: string | undefined };

function findCourt(body: string): string | undefined {
  const m = /\b(?:U\.S\. |US )?Supreme Court\b/.exec(body) ?? /\bCorte Suprema\b/.exec(body);
  if (!m) return undefined;
  return /^Corte/.test(m[0]) ? m[0] : "U.S. Supreme Court";
}

const ABBR_END = /(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|U\.S|D\.C|No|vs))\.$/u;

/** The part of `text` after its last sentence boundary (initials and "U.S." are not boundaries). */
function lastSentence(text: string): string {
  const re = /[.!?…]["”’»]?\s+(?=[\p{Lu}“"«¿¡])/gu;
  let cut = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (ABBR_END.test(text.slice(Math.max(0, m.index - 4), m.index + 1))) continue;
    cut = m.index + m[0].length;
  }
  return text.slice(cut);
}

/** Speaker of one quotation: a name string, null for an unnamed speaker, undefined when the text is silent. */
function attribute(
  ctx: Ctx,
  paras: { text: string; start: number }[],
  first: Span,
  last: Span,
  parts: Span[],
) {
  const { body } = ctx;
  const para = paras[first.para]!;
  const lastPara = paras[last.para]!;
  const lastParaEnd = lastPara.start + lastPara.text.length;
  // Narrative between the pieces of a split quotation ("…,” Merlo said, “…").
  for (let k = 1; k < parts.length; k++) {
    const from = parts[k - 1]!.end + 1;
    const who = speakerAfter(ctx, from, body.slice(from, parts[k]!.start - 1));
    if (who !== undefined) return who;
  }
  // After the quotation, up to the end of its sentence.
  let after = body.slice(last.end + 1, lastParaEnd);
  const nextOpen = after.search(/[“«"]/);
  if (nextOpen >= 0) after = after.slice(0, nextOpen);
  const sentEnd = after.search(/[.!?](?:\s|$)/);
  if (sentEnd >= 0) after = after.slice(0, sentEnd + 1);
  if (after.trim() && !/^\s*[.!?]/.test(after)) {
    const who = speakerAfter(ctx, last.end + 1, after);
    if (who !== undefined) return who;
  }
  // Before the quotation, in the same sentence (or a colon introducing it).
  const paraBefore = body.slice(para.start, first.start - 1);
  if (!paraBefore.trim() || /[.!?]["”’»]?\s*$/.test(paraBefore)) return undefined;
  const before = lastSentence(paraBefore);
  return speakerBefore(ctx, first.start - 1 - before.length, before);
}

function mentionsIn(ctx: Ctx, start: number, end: number): PersonMention[] {
  return ctx.mentions.filter((m) => m.start >= start && m.end <= end);
}

function nameOf(ctx: Ctx, m: PersonMention): string {
  return ctx.people[m.person]!.name;
}

const SKIP_CAPS =
  /^(?:On|In|At|The|But|And|They|He|She|It|We|I|You|Ellos|Ellas|Ella|Él|Nosotros|This|That|Esto|Eso|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday)$/;

// "a DHS spokesperson", "the White House statement", "un portavoz del Departamento de Estado": the agency speaks.
const ORG_VOICE_EN =
  /\b(?:[Aa]n?|[Tt]he)\s+((?:\p{Lu}[\p{L}\p{M}.&-]*\s+){1,4})(?:spokes(?:person|man|woman)|official|statement|representative|press office)\b/u;
const ORG_VOICE_ES =
  /\b(?:portavoz|vocer[oa]|comunicado|representante)\s+(?:del|de la|de)\s+((?:\p{Lu}[\p{L}\p{M}.&-]*(?:\s+(?:de|del|de la|para)\s+|\s+)?){1,6})/u;

function orgVoice(s: string): string | undefined {
  const m = ORG_VOICE_EN.exec(s) ?? ORG_VOICE_ES.exec(s);
  const name = m?.[1]
    ?.trim()
    .replace(/[.,;:]+$/, "")
    .replace(/\s+(?:de|del|de la|para)$/u, "");
  return name && !SKIP_CAPS.test(name.split(/\s+/)[0]!) ? name : undefined;
}

/** “…,” X said / said X / X, a lawyer, told CNN / he said / the official said / their ruling said. */
function speakerAfter(ctx: Ctx, offset: number, seg: string): string | null | undefined {
  const verb = SPEECH.exec(seg);
  if (!verb) return undefined;
  const vAt = offset + verb.index;
  const vEnd = vAt + verb[0].length;
  const inSeg = mentionsIn(ctx, offset, offset + seg.length);
  const pre = ctx.body.slice(offset, vAt);
  const subj = inSeg.filter((m) => m.end <= vAt);
  const pron = /\b(he|she|they|él|ella|ellos)\b/iu.exec(pre);
  const nominal = lastNominal(pre);
  const post = ctx.body.slice(vEnd, vEnd + 60);
  // "he remembers one official telling them": the official spoke.
  const told =
    /^\s+(?:[\p{L}’']+\s+){0,3}?(?:one|an?|the)\s+(?:[\p{L}’'-]+\s+){0,3}?(?:officials?|officers?|guards?|agents?|man|woman)\s+(?:telling|saying|shouting|yelling)/iu;
  if (told.test(post)) return null;
  if (subj.length && (!pron || subj[0]!.start < offset + pron.index)) return nameOf(ctx, subj[0]!);
  if (pron) return resolvePronoun(ctx, offset + pron.index, pron[1]!);
  const voice = orgVoice(pre) ?? orgVoice(post.slice(0, 60));
  if (voice) return voice;
  if (nominal) return resolveNominal(ctx, nominal);
  const obj = inSeg.filter((m) => m.start >= vEnd && m.start - vEnd < 40);
  if (obj.length) return nameOf(ctx, obj[0]!);
  // "«…», añadió.": a verb without a subject (Spanish drops it) means the person last spoken of.
  if (/^[\s,]*$/.test(pre) && /^\s*(?:[.;]|$|\s+(?:entre|en|con|a|al|después|luego|más)\b)/u.test(post)) {
    return resolvePronoun(ctx, vAt, "pro");
  }
  const postNominal = firstNominal(post.slice(0, 40));
  if (postNominal) return resolveNominal(ctx, postNominal);
  const org =
    /^\s+(?:(?:the|la|el|los|las)\s+)?(?:(?:group|organization|organisation|agency|ONG|organización|agencia|grupo|entidad)\s+)?((?:\p{Lu}[\p{L}\p{M}.&-]*[ \t]*){1,5})/u.exec(
      post,
    );
  if (org && !SKIP_CAPS.test(org[1]!.trim().split(/\s+/)[0]!)) return org[1]!.trim().replace(/\.$/, "");
  const orgBefore =
    /^\s*,?\s*(?:(?:[Tt]he|[Ll]a|[Ee]l|[Ll]os|[Ll]as)\s+)?((?:\p{Lu}[\p{L}\p{M}.&-]*\s+){1,5})(?:in\s+a\s+statement\s+)?$/u.exec(
      pre,
    );
  if (orgBefore && !SKIP_CAPS.test(orgBefore[1]!.trim().split(/\s+/)[0]!)) return orgBefore[1]!.trim();
  return undefined;
}

/** Name: “…” / X said: “…” / X noted that “…” / the subject of the sentence that leads into it. */
function speakerBefore(ctx: Ctx, offset: number, seg: string): string | null | undefined {
  const inSeg = mentionsIn(ctx, offset, offset + seg.length);
  const colon = /:\s*$/.test(seg);
  // "Según Ramírez, «…»" / "According to Molina, “…”".
  const per = /\b(?:según|according to)\s+[^,;]{2,80},?\s*$/iu.exec(seg);
  if (per) {
    const m = inSeg.filter((x) => x.start >= offset + per.index);
    if (m.length) return nameOf(ctx, m[0]!);
  }
  const quoting = /\bquoting\s+(?:the\s+)?([\p{Lu}][\p{L}.’' ]+?)(?:’s?\s+\p{Ll}+)?\)?\s*$/u.exec(seg);
  if (quoting) {
    if (/court/i.test(quoting[1]!) && ctx.court) return ctx.court;
    const m = inSeg.filter((x) => x.start >= offset + quoting.index);
    if (m.length) return nameOf(ctx, m[0]!);
  }
  const verb = lastMatch(SPEECH, seg);
  const limit = verb ? verb.index : seg.length;
  // "X, a close ally of Y, said": names inside an appositive are not the subject.
  const apposRe = /,\s+(?:a|an|the|who|whose|el|la|un|una|quien|de quien)\s[^,]{0,100},/giu;
  const appos: [number, number][] = [];
  for (let m = apposRe.exec(seg.slice(0, limit)); m; m = apposRe.exec(seg.slice(0, limit)))
    appos.push([offset + m.index, offset + m.index + m[0].length]);
  const subj = inSeg.filter(
    (m) => m.end <= offset + limit && !appos.some(([a, b]) => m.start >= a && m.end <= b),
  );
  const pronStart = /^\s*(he|she|él|ella)\b/iu.exec(seg);
  if (pronStart && !subj.length) return resolvePronoun(ctx, offset, pronStart[1]!);
  // The agent nearest before the verb: a named person, or a court ("the Supreme Court, which said").
  const courtRe = /\b(?:Supreme Court|court|ruling|justices|majority|Corte Suprema|tribunal)\b/giu;
  let courtAt = -1;
  for (let m = courtRe.exec(seg.slice(0, limit)); m; m = courtRe.exec(seg.slice(0, limit))) courtAt = m.index;
  const lastSubj = subj[subj.length - 1];
  if (verb && courtAt >= 0 && ctx.court && (!lastSubj || lastSubj.start - offset < courtAt)) return ctx.court;
  if (lastSubj && (verb || colon)) return nameOf(ctx, lastSubj);
  // "The Ministry of the Interior said in a statement: “…”": an organization as the subject.
  const firstVerb = SPEECH.exec(seg);
  if (firstVerb && !subj.length) {
    const orgSubj =
      /^\s*(?:(?:[Tt]he|[Ll]a|[Ee]l|[Ll]os|[Ll]as)\s+)?(\p{Lu}[\p{L}\p{M}.&-]*(?:\s+(?:(?:of|for|on|de|del|para)\s+(?:(?:the|la|el|los|las)\s+)?)?\p{Lu}[\p{L}\p{M}.&-]*){0,6})\s+$/u.exec(
        seg.slice(0, firstVerb.index),
      );
    if (orgSubj && !SKIP_CAPS.test(orgSubj[1]!.split(/\s+/)[0]!)) return orgSubj[1]!.trim();
  }
  if (colon) {
    const pron = /\b(he|she|él|ella)\b/iu.exec(seg);
    if (pron) return resolvePronoun(ctx, offset + pron.index, pron[1]!);
    const org =
      /^\s*(?:(?:[\p{L},]+\s+){0,4}?)((?:\p{Lu}[\p{L}\p{M}.&’'-]*\s+){0,5}\p{Lu}[\p{L}\p{M}.&-]*)\s*(?:\p{Ll}+\s*)?:\s*$/u.exec(
        seg,
      );
    if (org && !SKIP_CAPS.test(org[1]!.split(/\s+/)[0]!)) return org[1]!.trim();
    return undefined;
  }
  if (!verb) {
    // "Boasberg gave the government a deadline to … who chose “not to halt …”": the sentence's subject.
    const lead = inSeg.find((m) => m.start - offset < 3);
    return lead ? nameOf(ctx, lead) : undefined;
  }
  const voice = orgVoice(seg.slice(0, limit + 1));
  if (voice) return voice;
  const nominal = firstNominal(seg.slice(0, limit));
  if (nominal) return resolveNominal(ctx, nominal);
  const pron = /\b(he|she|él|ella)\b/iu.exec(seg.slice(0, limit + 1));
  if (pron) return resolvePronoun(ctx, offset + pron.index, pron[1]!);
  const org = /((?:\p{Lu}[\p{L}.&-]*\s+){1,5})$/u.exec(seg.slice(0, limit));
  if (org && !SKIP_CAPS.test(org[1]!.trim().split(/\s+/)[0]!)) return org[1]!.trim();
  return undefined;
}

function lastMatch(re: RegExp, s: string): RegExpExecArray | undefined {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  let found: RegExpExecArray | undefined;
  for (let m = g.exec(s); m; m = g.exec(s)) found = m;
  return found;
}

function lastNominal(s: string): string | undefined {
  return lastMatch(NOMINAL, s)?.[1];
}

function firstNominal(s: string): string | undefined {
  NOMINAL.lastIndex = 0;
  const m = NOMINAL.exec(s);
  return m?.[1];
}

const ROLE_FAMILIES = [
  ["judge", "juez", "jueza"],
  ["lawyer", "attorney", "abogado", "abogada"],
  ["mother", "madre"],
  ["father", "padre"],
  ["wife", "esposa"],
  ["husband", "esposo"],
  ["sister", "hermana"],
  ["brother", "hermano"],
  ["daughter", "hija"],
  ["son", "hijo"],
];

function resolveNominal(ctx: Ctx, noun: string): string | null {
  const n = noun.toLowerCase();
  if (COURTISH.test(n)) return ctx.court ?? null;
  // A role noun ("the judge", "the attorney", "la madre") is the one person the article gave that role.
  const family = ROLE_FAMILIES.find((f) => f.includes(n)) ?? [n];
  const holders = ctx.people.filter((p) => p.roles.some((r) => family.includes(r)));
  if (holders.length === 1) return holders[0]!.name;
  return null;
}

const UNNAMED =
  /\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Uu]na?|[Ee]l|[Ll]a)\s+(?:[\p{L}-]+\s+){0,3}?(?:officers?|guards?|officials?|director|nurse|agents?|soldiers?|man|woman|funcionarios?|guardias?|agentes?|oficial|hombre|mujer)\b(?!\s*,?\s*\p{Lu})/u;

/** "he"/"she": the nearest person mentioned before, unless an unnamed person was mentioned after them. */
function resolvePronoun(ctx: Ctx, at: number, pronoun: string): string | null {
  if (/^(?:they|ellos)$/i.test(pronoun)) {
    const back = ctx.body.slice(Math.max(0, at - 400), at);
    return /\b(?:justices|court|ruling)\b/i.test(back) && ctx.court ? ctx.court : null;
  }
  const g = /^(?:he|él)$/i.test(pronoun) ? "m" : /^(?:she|ella)$/i.test(pronoun) ? "f" : undefined;
  const prior = ctx.mentions.filter((m) => m.end <= at && m.start >= at - 1500);
  let best: PersonMention | undefined;
  for (let k = prior.length - 1; k >= 0; k--) {
    const p = ctx.people[prior[k]!.person]!;
    if (!g || !p.gender || p.gender === g) {
      best = prior[k];
      break;
    }
  }
  if (!best) return null;
  // Salience: when the nearest fitting name is an object ("met Judge Vela", "told Ana") and the same
  // sentence opens with another fitting name, the pronoun continues that subject.
  const objectBefore =
    /\b(?:to|with|for|against|by|met|told|called|visited|a|con|contra|por|para|visitó|llamó)\s+(?:[\p{L}.’']+\s+){0,3}$/u;
  const nearest = best;
  if (objectBefore.test(ctx.body.slice(Math.max(0, nearest.start - 40), nearest.start))) {
    const dot = ctx.body.lastIndexOf(". ", nearest.start);
    const sentenceStart = Math.max(dot < 0 ? 0 : dot + 2, ctx.body.lastIndexOf("\n", nearest.start) + 1);
    const subject = prior.find((m) => {
      const p = ctx.people[m.person]!;
      return (
        m.person !== nearest.person &&
        m.start >= sentenceStart &&
        m.start - sentenceStart < 4 &&
        (!g || !p.gender || p.gender === g)
      );
    });
    if (subject) best = subject;
  }
  // An unnamed officer, guard or official after the last named person is who the pronoun means.
  const between = ctx.body.slice(best.end, at).replace(/[“"«][^”"»]*[”"»]/g, " ");
  if (UNNAMED.test(between)) return null;
  return nameOf(ctx, best);
}
