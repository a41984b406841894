// The rules engine's public face: evaluate a case, read the compliance ledger of an order, diff findings.
export {
  COMPLIANCE_EVENT_TYPES,
  type ComplianceEvent,
  orderCompliance,
  type PublicCompliance,
  publicCompliance,
} from "./court-orders.ts";
export { digestFindings } from "./digest.ts";
export { DEADLINE_RULES, evaluateCase } from "./engine.ts";
export { diffFindings, peopleToReevaluate } from "./incremental.ts";
export { RULES } from "./rule-set.ts";
export type { Finding } from "./types.ts";
