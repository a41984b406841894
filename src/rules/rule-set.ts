// The rule table in evaluation order: citizenship first, then process, protection, AEA, court orders, custody, deadlines.
import { R14, R15, R16, R31 } from "./alien-enemies.ts";
import { R01, R02, R03 } from "./citizenship.ts";
import { R17, R18 } from "./court-orders.ts";
import { R19, R20, R21, R22, R26, R32 } from "./custody.ts";
import { R30 } from "./deadlines.ts";
import { R11 } from "./protection.ts";
import { R04, R05, R07, R08, R12, R13, R28, R29 } from "./removal-process.ts";
import type { Rule } from "./types.ts";

// Read-only to TypeScript, not frozen: V8 iterates a frozen array through its generic iterator, allocating a
// result for every step of every loop over it (76 MB a 30,000-person evaluation, with timeline.ts NONE).
export const RULES: readonly Rule[] = [
  R01,
  R02,
  R03,
  R04,
  R05,
  R07,
  R08,
  R11,
  R12,
  R13,
  R14,
  R15,
  R16,
  R17,
  R18,
  R19,
  R20,
  R21,
  R22,
  R26,
  R28,
  R29,
  R30,
  R31,
  R32,
];
