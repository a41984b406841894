// R11: non-refoulement. Withholding and CAT protection are about one country, so only removal to that country counts.
import { instantMs } from "../domain/time.ts";
import { AUTH } from "./authorities.ts";
import type { Ev } from "./timeline.ts";
import { country, destination, of, sendsAbroad, stamp, str } from "./timeline.ts";
import type { Hit, Rule } from "./types.ts";

/** Protections that bar removal to their country outright. */
const BARRING: ReadonlySet<string> = new Set(["withholding_241b3", "CAT_withholding", "CAT_deferral"]);

const KIND_NAMES: Readonly<Record<string, { en: string; es: string }>> = {
  withholding_241b3: {
    en: "withholding of removal (INA §241(b)(3))",
    es: "suspensión de la deportación (INA §241(b)(3))",
  },
  CAT_withholding: {
    en: "withholding under the Convention Against Torture",
    es: "suspensión conforme a la Convención contra la Tortura",
  },
  CAT_deferral: {
    en: "deferral of removal under the Convention Against Torture",
    es: "aplazamiento conforme a la Convención contra la Tortura",
  },
  asylum: { en: "asylum", es: "asilo" },
};

type Shield = { kind: string; country: string; ms: number; ev?: Ev; since: string };

export const R11: Rule = {
  id: "R11",
  version: 1,
  name: "REMOVED_TO_PROTECTED_COUNTRY",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Removed to a country the person was protected from being sent to",
    es: "Enviado a un país al que la ley prohibía enviarlo",
  },
  basis: [AUTH.withholding, AUTH.cat, AUTH.abregoScotus],
  check(c, out) {
    const shields: Shield[] = [];
    for (const x of of(c, "PROTECTION_GRANTED")) {
      const kind = str(x, "kind");
      const country = str(x, "country");
      if (kind && country && (BARRING.has(kind) || kind === "asylum"))
        shields.push({ kind, country, ms: x.ms, ev: x, since: stamp(x) });
    }
    for (const p of c.person.protections) {
      if (!(BARRING.has(p.kind) || p.kind === "asylum")) continue;
      // The same grant is often both on the person and in the timeline; the event carries an id, so keep that.
      if (shields.some((s) => s.kind === p.kind && s.country === p.country)) continue;
      // A grant known only to the year, month or a range counts from the earliest it can have been.
      const ms = p.granted_on ? instantMs(p.granted_on.split("/")[0]!) : Number.NEGATIVE_INFINITY;
      shields.push({ kind: p.kind, country: p.country, ms, since: p.granted_on ?? "" });
    }
    if (shields.length === 0) return;
    const reported = new Map<string, Hit>();
    for (const x of c.events) {
      if (!sendsAbroad(x)) continue;
      const dest = destination(x);
      if (!dest) continue;
      const hit = reported.get(dest);
      if (hit) {
        hit.events.push(x.e.id);
        continue;
      }
      let shield: Shield | undefined;
      for (const s of shields) {
        if (s.country !== dest || s.ms > x.ms) continue;
        if (!shield || (BARRING.has(s.kind) && !BARRING.has(shield.kind))) shield = s;
      }
      if (!shield) continue;
      const name = KIND_NAMES[shield.kind]!;
      const since = shield.since
        ? { en: ` (granted ${shield.since})`, es: ` (concedido el ${shield.since})` }
        : { en: "", es: "" };
      const asylum = !BARRING.has(shield.kind);
      const to = country(dest);
      const h: Hit = {
        events: shield.ev ? [x.e.id, shield.ev.e.id] : [x.e.id],
        text: asylum
          ? {
              en: `The person held ${name.en} with respect to ${to.en}${since.en} and was sent to ${to.en} on ${stamp(x)}. Asylum is a status; removing an asylee generally requires ending that status first.`,
              es: `La persona tenía ${name.es} respecto de ${to.es}${since.es} y fue enviada a ${to.es} el ${stamp(x)}. El asilo es un estatus; deportar a un asilado en general exige primero ponerle fin.`,
            }
          : {
              en: `The person held ${name.en} for ${to.en}${since.en}, which forbids sending them to ${to.en}, yet they were sent there on ${stamp(x)}. This protection is specific to ${to.en}; it does not bar removal elsewhere.`,
              es: `La persona tenía ${name.es} respecto de ${to.es}${since.es}, que prohíbe enviarla a ${to.es}, y aun así fue enviada allí el ${stamp(x)}. Esta protección se refiere solo a ${to.es}; no impide la deportación a otro país.`,
            },
        ...(asylum ? { severity: "possible_issue" as const, confidence: "medium" as const } : {}),
      };
      reported.set(dest, h);
      out.push(h);
    }
  },
};
