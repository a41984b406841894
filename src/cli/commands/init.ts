// `habeas init [--demo]` and `habeas db migrate`: create the store, optionally with the public demo.
import { args, type Command } from "../context.ts";
import { printJson } from "../output.ts";

export const init: Command = {
  name: "init",
  summary: "create (or migrate) the database; --demo loads the documented 2025 cases",
  usage: "init [--demo] [--db PATH]",
  async run(ctx, argv) {
    const { loadDemo } = await import("../../services/init-demo.ts");
    const { values, positionals } = args(argv, { demo: { type: "boolean", default: false } });
    if (positionals.length)
      throw Object.assign(new Error(`unexpected argument: ${positionals[0]}`), { usage: true });
    const store = await ctx.store();
    const counts = values.demo ? await loadDemo(store.db) : undefined;
    if (ctx.out.json) printJson(ctx.out, { store: store.describe, demo: counts ?? null });
    else {
      ctx.out.write(`habeas: database ready (${store.describe})`);
      if (counts) {
        ctx.out.write(
          `loaded demo: ${counts.people} people, ${counts.events} events, ${counts.orders} court orders, ${counts.sources} sources`,
        );
      }
    }
    return 0;
  },
};

export const dbMigrate: Command = {
  name: "db migrate",
  summary: "apply pending database migrations",
  usage: "db migrate [--db PATH]",
  async run(ctx) {
    const store = await ctx.store(); // opening the store migrates it
    if (ctx.out.json) printJson(ctx.out, { store: store.describe, migrated: true });
    else ctx.out.write(`habeas: ${store.describe} is up to date`);
    return 0;
  },
};
