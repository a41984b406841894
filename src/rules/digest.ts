// What identifies a person's findings without reading them back: a 128-bit hash of the list's structure —
// every key, string, number and position, as its JSON would hold them — computed by walking the values in
// place. A full evaluation digests 100,000 lists (253 MB of JSON at that size); serializing each list first and
// hashing the string (what a kept hashing library takes) built a quarter of a gigabyte of two-byte strings that
// one worker's collector then had to clear while the other worker waited on memory: on PostgreSQL ~1 s of a
// two-worker evaluation's ~9 (docs/BENCHMARKS.md). Only the comparison of a new list with the digest stored
// for it reads this: it is not a security boundary, only change detection.
import type { Finding } from "./types.ts";

// Four 32-bit lanes, each an FNV-1a-style multiply over UTF-16 code units (two to a step) with its own odd
// multiplier: a change of one code unit always changes every lane (each step is a bijection of the lane), and
// 128 bits leave a chance of 2⁻¹²⁸-ish that two different lists of one person agree.
const P1 = 0x01000193;
const P2 = 0x5bd1e995;
const P3 = 0x9e3779b1;
const P4 = 0x85ebca77;

type Lanes = { a: number; b: number; c: number; d: number };

function unit(h: Lanes, x: number) {
  h.a = Math.imul(h.a ^ x, P1);
  h.b = Math.imul(h.b ^ x, P2);
  h.c = Math.imul(h.c ^ x, P3);
  h.d = Math.imul(h.d ^ x, P4);
}

/**
 * A string: its length first (so ["ab", "c"] and ["a", "bc"] differ), then its code units two at a time (a
 * pair packed into 32 bits is still a bijection, and half the steps: the digest 13% faster), the odd one last.
 */
function text(h: Lanes, s: string) {
  let { a, b, c, d } = h;
  const n = s.length;
  a = Math.imul(a ^ n, P1);
  b = Math.imul(b ^ n, P2);
  c = Math.imul(c ^ n, P3);
  d = Math.imul(d ^ n, P4);
  let i = 0;
  for (const pairs = n - 1; i < pairs; i += 2) {
    const x = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ x, P1);
    b = Math.imul(b ^ x, P2);
    c = Math.imul(c ^ x, P3);
    d = Math.imul(d ^ x, P4);
  }
  if (i < n) {
    const x = s.charCodeAt(i);
    a = Math.imul(a ^ x, P1);
    b = Math.imul(b ^ x, P2);
    c = Math.imul(c ^ x, P3);
    d = Math.imul(d ^ x, P4);
  }
  h.a = a;
  h.b = b;
  h.c = c;
  h.d = d;
}

// A tag before each value, so a string "1" and a number 1, or [] and {}, differ.
const STRING = 0x10001;
const NUMBER = 0x10002;
const TRUE = 0x10003;
const FALSE = 0x10004;
const NULL = 0x10005;
const ARRAY = 0x10006;
const OBJECT = 0x10007;

/** Any JSON value; keys whose value is undefined are skipped, as JSON.stringify skips them. */
function value(h: Lanes, v: unknown) {
  if (typeof v === "string") {
    unit(h, STRING);
    text(h, v);
  } else if (typeof v === "number") {
    unit(h, NUMBER);
    text(h, String(v));
  } else if (typeof v === "boolean") unit(h, v ? TRUE : FALSE);
  else if (v === null) unit(h, NULL);
  else if (Array.isArray(v)) {
    unit(h, ARRAY);
    unit(h, v.length);
    for (const x of v) value(h, x);
  } else if (typeof v === "object") {
    unit(h, OBJECT);
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === undefined || typeof x === "function") continue;
      text(h, k);
      value(h, x);
    }
    // The end of the object, so a key that moves out of a nested object is a change.
    unit(h, OBJECT);
  }
}

/** The last mixing of a lane (MurmurHash3's fmix32), so every input bit reaches every output bit. */
function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Two hex digits a byte from a table: toString(16) and padStart took a sixth of the digest's time.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex = (x: number) =>
  `${BYTE_HEX[x >>> 24]}${BYTE_HEX[(x >>> 16) & 255]}${BYTE_HEX[(x >>> 8) & 255]}${BYTE_HEX[x & 255]}`;

/**
 * The digest of a person's findings as evaluated (in their order): equal lists give equal digests, in any
 * process and on any engine; a list that differs in any key, value or position gives another. 32 hex digits.
 */
export function digestFindings(list: readonly Finding[]): string {
  const h: Lanes = { a: 0x811c9dc5, b: 0x9747b28c, c: 0x243f6a88, d: 0x13198a2e };
  value(h, list);
  // Each lane folded with the others before its last mixing.
  const a = fmix(h.a ^ Math.imul(h.d, P1));
  const b = fmix(h.b ^ Math.imul(h.a, P2));
  const c = fmix(h.c ^ Math.imul(h.b, P3));
  const d = fmix(h.d ^ Math.imul(h.c, P4));
  return hex(a) + hex(b) + hex(c) + hex(d);
}
