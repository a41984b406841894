// The rules engine's public face: evaluate a case, read the compliance ledger of an order, diff findings.
export {
  COMPLIANCE_STATES,
  type Compliance,
  type ComplianceAct,
  type ComplianceState,
  orderCompliance,
  type PublicCompliance,
  publicCompliance,
} from "./court-orders.ts";
export { evaluateCase } from "./engine.ts";
export { type Change, diffFindings, peopleToReevaluate } from "./incremental.ts";
export { findRule, RULES } from "./rule-set.ts";
export type { CaseFile, Confidence, EvaluateOptions, Finding, Lang, Msg, Rule, Severity } from "./types.ts";
export { CONFIDENCES, LANGS, SEVERITIES } from "./types.ts";
