// `habeas serve`: the web app and API on one port; loads the public demo into an empty store if asked.
import { badInput } from "../../domain/errors.ts";
import { args, type Command } from "../context.ts";

export const serve: Command = {
  name: "serve",
  summary: "start the web app and JSON API (default http://127.0.0.1:3000)",
  usage: "serve [--port N] [--host ADDR] [--demo-if-empty] [--db PATH]",
  async run(ctx, argv) {
    const { serve: serveHttp } = await import("@hono/node-server");
    const { loadConfig } = await import("../../config.ts");
    const { loadDemoIfEmpty } = await import("../../services/init-demo.ts");
    const { values } = args(argv, {
      port: { type: "string" },
      host: { type: "string" },
      "demo-if-empty": { type: "boolean", default: false },
    });
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw badInput("--port must be a whole number from 0 to 65535");
    }
    const config = loadConfig(process.env, { db: ctx.db, port });
    // Two reader threads: a request's read that waits for the disk never holds the others (SQLite).
    const store = await ctx.store({ readers: 2 });
    if (values["demo-if-empty"]) {
      const loaded = await loadDemoIfEmpty(store.db);
      if (loaded)
        ctx.out.write(
          `habeas: empty database — loaded the public demo (${loaded.people} people, ${loaded.events} events)`,
        );
    }
    // Loaded here so other commands start without the web app.
    const { createApp } = await import("../../server/app.ts");
    const { computeDashboardInWorker, getDashboard } = await import("../../services/dashboard.ts");
    const { stopKeptJobs } = await import("../../services/jobs.ts");
    // The public dashboard's aggregates are computed off the event loop, starting now, so the first
    // visitor finds them ready.
    computeDashboardInWorker(store.db, store.target, store.keyConfig);
    getDashboard(store.db).catch((e: Error) =>
      ctx.out.error(`habeas: computing the dashboard failed: ${e.message}`),
    );
    const { app } = createApp(store.db, {
      cookieSecure: config.cookieSecure,
      trustProxy: config.trustProxy,
      maxUploadBytes: config.uploads.maxBytes,
    });
    const host = values.host ?? config.host;
    if (!isLoopback(host) && config.cookieSecure !== "always" && !config.trustProxy)
      ctx.out.error(
        `habeas: warning: serving on ${host} over plain http — put it behind https (a reverse proxy with HABEAS_TRUST_PROXY=1, or HABEAS_COOKIE_SECURE=1): passwords and session cookies would otherwise cross the network in the clear`,
      );
    await new Promise<void>((resolve, reject) => {
      const server = serveHttp({ fetch: app.fetch, port: config.port, hostname: host }, (info) => {
        ctx.out.write(
          `habeas: serving ${store.describe} at http://${host === "0.0.0.0" ? "localhost" : host}:${info.port}`,
        );
      });
      server.on("error", (e: NodeJS.ErrnoException) =>
        reject(e.code === "EADDRINUSE" ? badInput(`port ${config.port} is in use (try --port)`) : e),
      );
      const stop = () => {
        ctx.out.write("habeas: shutting down");
        // The dashboard's kept thread (services/jobs.ts keptJob) closes its connection with it.
        server.close(() => stopKeptJobs().then(() => resolve(), reject));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
