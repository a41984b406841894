// Name pools for generated datasets: given names and surnames drawn by real frequency from the shared
// lists (INE, datamx, US census, Wikidata) when present, a small built-in list when they are not.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A deterministic source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough to draw test data. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed, so each person gets its own stream (splitmix-style). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Names with cumulative weights, sampled by binary search. */
export type Pool = { names: string[]; cum: Float64Array };

export function makePool(entries: readonly (readonly [string, number])[]): Pool {
  const names: string[] = [];
  const cum = new Float64Array(entries.length);
  let total = 0;
  for (const [name, w] of entries) {
    if (!(w > 0)) continue;
    total += w;
    cum[names.length] = total;
    names.push(name);
  }
  return { names, cum: cum.slice(0, names.length) };
}

export function draw(pool: Pool, rng: Rng): string {
  const n = pool.names.length;
  const x = rng() * (pool.cum[n - 1] ?? 0);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pool.cum[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return pool.names[lo] ?? pool.names[0] ?? "";
}

/** The lists of one origin: given names by sex, and surnames by position (first, second). */
export type NameSet = { male: Pool; female: Pool; surname1: Pool; surname2: Pool };
export type NamePools = { from: "lists" | "built-in"; dir?: string; sets: Map<string, NameSet> };

const PARTICLES = new Set(["de", "del", "la", "las", "los", "y", "da", "do", "dos", "das", "e"]);
// Letters of the Latin alphabets in these lists; mojibake (Ã, Â, ¿, �) marks a line as unreadable.
const VALID = /^[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[ '-][A-Za-zÀ-ÖØ-öø-ÿ]+)*$/;
const MOJIBAKE = /[ÃÂÏ¿�]/;

/** "MARIA DE LA LUZ" → "Maria de la Luz"; null when the text is not a plausible name. */
export function tidyName(raw: string): string | null {
  const s = raw.trim().replace(/^"|"$/g, "").replace(/\s+/g, " ");
  if (s.length < 2 || s.length > 40 || !VALID.test(s) || MOJIBAKE.test(s)) return null;
  return s
    .toLowerCase()
    .split(" ")
    .map((w, i) =>
      i > 0 && PARTICLES.has(w)
        ? w
        : w.replace(/(^|[-'])(\p{L})/gu, (_m, p, c: string) => p + c.toUpperCase()),
    )
    .join(" ");
}

const num = (s: string | undefined) => {
  const v = Number((s ?? "").replace(/"/g, ""));
  return Number.isFinite(v) ? v : 0;
};

type Parsed = {
  male: [string, number][];
  female: [string, number][];
  s1: [string, number][];
  s2: [string, number][];
};

/**
 * Reads one list. Formats, by file name: `*_males|hombres` and `*_females|mujeres` (name, count, …),
 * `*_surnames|apellidos` (name, count as first surname[, count as second]; INE files lead with a rank),
 * `*names_all` (name, count, % men, % women).
 */
function parseList(file: string, text: string, into: Parsed) {
  const base = file.toLowerCase();
  const kind = /females|mujeres/.test(base)
    ? "female"
    : /males|hombres/.test(base)
      ? "male"
      : /surnames|apellidos/.test(base)
        ? "surname"
        : /names_all/.test(base)
          ? "mixed"
          : undefined;
  if (!kind) return;
  for (const line of text.split(/\r?\n/)) {
    const cells = line.split(",");
    // INE surname rows start with their rank: "1,GARCIA,1455085,1474331,77030".
    const at = /^\d+$/.test(cells[0] ?? "") && cells.length > 2 && !/^\d/.test(cells[1] ?? "") ? 1 : 0;
    const name = tidyName(cells[at] ?? "");
    if (!name) continue;
    const w1 = num(cells[at + 1]);
    if (!(w1 > 0)) continue;
    if (kind === "male") into.male.push([name, w1]);
    else if (kind === "female") into.female.push([name, w1]);
    else if (kind === "surname") {
      into.s1.push([name, w1]);
      const w2 = cells.length > at + 2 ? num(cells[at + 2]) : w1;
      into.s2.push([name, w2 > 0 ? w2 : w1 * 0.5]);
    } else {
      const men = num(cells[at + 2]) / 100;
      if (men > 0) into.male.push([name, w1 * men]);
      if (men < 1) into.female.push([name, w1 * (1 - men)]);
    }
  }
}

// Small built-in lists, used for origins the shared lists do not cover and when they are absent.
const BUILT_IN: Record<string, { male: string; female: string; surnames: string }> = {
  hispanic: {
    male: "José:30 Juan:25 Luis:20 Carlos:18 Jorge:12 Miguel:12 José Luis:10 Francisco:10 Pedro:9 Jesús:9 Manuel:8 Antonio:8 Mario:7 Óscar:7 Víctor:6 Wilmer:5 Kevin:5 Brayan:4 Édgar:4 Nelson:4 Ángel:6 Rafael:5 Julio:5 Javier:5 Marvin:4",
    female:
      "María:30 Ana:15 Rosa:12 Carmen:10 Guadalupe:9 Marta:8 Sofía:7 Daniela:7 Yesenia:5 Gabriela:6 Lucía:6 Andrea:6 Karla:5 Leticia:5 Patricia:5",
    surnames:
      "García:30 Hernández:28 López:24 Martínez:22 González:22 Rodríguez:20 Pérez:18 Sánchez:16 Ramírez:15 Flores:14 Gómez:12 Díaz:11 Cruz:10 Morales:10 Reyes:10 Ortiz:8 Gutiérrez:8 Chávez:8 Ramos:7 Castillo:7 Mendoza:7 Vásquez:7 Romero:6 Álvarez:6 Ruiz:6 Jiménez:6 Torres:6 Aguilar:5 Domínguez:5 Herrera:5 Medina:5 Castro:5 Vargas:5 Guzmán:4 Velásquez:4 Rojas:4 Molina:4 Orellana:3 Abrego:2 Zelaya:2",
  },
  HT: {
    male: "Jean:20 Pierre:12 Jacques:8 Wilson:6 Jean-Baptiste:6 Frantz:5 Emmanuel:6 Ricardo:4 Samuel:5 Joseph:8",
    female: "Marie:20 Rose:8 Nadège:5 Guerline:4 Widline:4 Fabiola:5 Esther:5 Mirlande:4",
    surnames:
      "Joseph:15 Jean:14 Pierre:12 Louis:10 Charles:9 Saint-Fleur:5 Desir:5 Fils-Aimé:4 Dorvil:4 Alexis:6 Baptiste:6",
  },
  BR: {
    male: "João:15 José:12 Lucas:10 Gabriel:9 Pedro:8 Rafael:7 Thiago:6 Marcos:6 Paulo:6 Felipe:5",
    female: "Maria:15 Ana:12 Juliana:8 Fernanda:7 Camila:6 Aline:5 Patrícia:5 Larissa:5",
    surnames:
      "Silva:20 Santos:15 Oliveira:12 Souza:11 Rodrigues:9 Ferreira:9 Alves:8 Pereira:8 Lima:7 Gomes:7 Costa:6",
  },
  IN: {
    male: "Gurpreet:10 Harpreet:8 Manpreet:8 Rahul:6 Amit:6 Sandeep:6 Vikram:5 Jaspreet:5 Rajesh:5 Sunil:4",
    female: "Priya:8 Simran:6 Harleen:5 Pooja:5 Neha:5 Kiran:4",
    surnames: "Singh:30 Kaur:12 Patel:15 Kumar:10 Sharma:8 Gill:6 Sandhu:5 Sidhu:4 Dhillon:4",
  },
  CN: {
    male: "Wei:10 Jian:8 Hao:7 Jun:7 Lei:6 Ming:6 Tao:5 Yong:5",
    female: "Li:8 Mei:7 Xiu:6 Ying:6 Fang:5 Hua:5",
    surnames: "Wang:15 Li:15 Zhang:14 Liu:12 Chen:12 Yang:9 Huang:8 Zhao:8 Wu:7 Zhou:7 Lin:6",
  },
};

function builtIn(key: string): NameSet {
  const b = BUILT_IN[key] ?? BUILT_IN.hispanic!;
  // Entries are "name:weight" separated by spaces; a name may itself hold a space ("José Luis:10").
  const parse = (s: string) =>
    s
      .split(/(?<=:\d+) /)
      .map((x) => {
        const [n, w] = x.split(":");
        return [n ?? "", Number(w)] as const;
      })
      .filter(([n]) => n);
  const surnames = makePool(parse(b.surnames));
  return {
    male: makePool(parse(b.male)),
    female: makePool(parse(b.female)),
    surname1: surnames,
    surname2: surnames,
  };
}

/**
 * Loads every list in `dir`, grouped by the two-letter origin that prefixes the file name (es, mx, ve,
 * sv, co, us), and adds the built-in sets (hispanic, HT, BR, IN, CN). Never fails: a missing or unreadable
 * folder leaves only the built-in sets.
 */
export function loadNamePools(dir: string | undefined): NamePools {
  const sets = new Map<string, NameSet>();
  for (const key of Object.keys(BUILT_IN)) sets.set(key, builtIn(key));
  if (!dir || !existsSync(dir)) return { from: "built-in", sets };
  const byOrigin = new Map<string, Parsed>();
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .sort();
  } catch {
    return { from: "built-in", sets };
  }
  for (const f of files) {
    const origin = /^([a-z]{2})_/.exec(f)?.[1];
    if (!origin) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, f), "utf8");
    } catch {
      continue;
    }
    const into = byOrigin.get(origin) ?? { male: [], female: [], s1: [], s2: [] };
    parseList(f, text, into);
    byOrigin.set(origin, into);
  }
  const hispanic = sets.get("hispanic")!;
  for (const [origin, p] of byOrigin) {
    // An origin with only surnames (US census) borrows given names from the built-in set.
    sets.set(origin, {
      male: p.male.length ? makePool(p.male) : hispanic.male,
      female: p.female.length ? makePool(p.female) : hispanic.female,
      surname1: p.s1.length ? makePool(p.s1) : hispanic.surname1,
      surname2: p.s2.length ? makePool(p.s2) : hispanic.surname2,
    });
  }
  return { from: byOrigin.size ? "lists" : "built-in", dir, sets };
}
