// `habeas search <words>`: full-text search across people, events, sources, matters, orders and claims.
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command } from "../context.ts";
import { printMatches } from "../output.ts";

export const search: Command = {
  name: "search",
  summary: "full-text search of the record (English and Spanish, accents ignored)",
  usage: "search <words…> [--json]",
  async run(ctx, argv) {
    const { searchRecord } = await import("../../services/search-people.ts");
    const { positionals } = args(argv, {});
    const { db } = await ctx.store();
    const hits = await searchRecord(db, positionals.join(" "), OPERATOR);
    printMatches(ctx.out, hits, ["kind", "id", "title", "snippet"], (h) => [
      h.kind,
      h.ref,
      h.title,
      h.snippet,
    ]);
    return 0;
  },
};
