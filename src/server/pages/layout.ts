// The page frame: header, navigation, one stylesheet served by habeas itself, no inline script.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

export function layout(opts: { title: string; lang?: string; body: Body }) {
  return html`<!doctype html>
<html lang="${opts.lang ?? "en"}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${opts.title} · habeas</title>
    <link rel="stylesheet" href="/assets/style.css" />
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="site">
      <a class="brand" href="/">habeas</a>
      <nav aria-label="Main">
        <a href="/">People</a>
        <a href="/orders">Court orders</a>
        <a href="/sources">Sources</a>
      </nav>
      <form class="search" action="/search" method="get" role="search">
        <label for="q" class="visually-hidden">Search names</label>
        <input id="q" name="q" type="search" placeholder="Search a name…" maxlength="200" />
        <button type="submit">Search</button>
      </form>
    </header>
    <main id="main">${opts.body}</main>
    <footer class="site">
      <p>habeas keeps account of people taken into detention — every fact tied to its sources.
      Findings are research aids, not legal advice.</p>
    </footer>
  </body>
</html>`;
}
