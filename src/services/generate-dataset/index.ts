// `habeas demo generate`: a synthetic national dataset for measuring — people named by real name frequencies,
// timelines from arrest through transfers and hearings to removal or release, protections, AEA class cases
// and habeas petitions with court orders. Deterministic for a seed; written through the bulk store path.
/** The options and the report of `generateDataset`, for its callers to name. @public */
export type { GenerateOptions, GenerateReport } from "./writer.ts";
export { generateDataset } from "./writer.ts";
