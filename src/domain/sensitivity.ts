// Every field of the model carries a sensitivity; presenters drop what a viewer may not see.
export const SENSITIVITIES = ["public", "team", "restricted"] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** How far a viewer is cleared: anonymous public < team member < restricted-cleared staff. */
export const CLEARANCE_RANK: Record<Sensitivity, number> = { public: 0, team: 1, restricted: 2 };

export function mayRead(clearance: Sensitivity, field: Sensitivity): boolean {
  return CLEARANCE_RANK[clearance] >= CLEARANCE_RANK[field];
}

/** Keeps only the keys of `record` whose sensitivity the clearance allows; unknown keys are dropped. */
export function redact<T extends Record<string, unknown>>(
  record: T,
  fields: Readonly<Record<string, Sensitivity>>,
  clearance: Sensitivity,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const s = fields[key];
    if (s !== undefined && mayRead(clearance, s)) out[key] = value;
  }
  return out as Partial<T>;
}
