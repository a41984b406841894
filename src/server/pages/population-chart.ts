// A daily population series as an SVG line drawn on the server, followed by the same numbers as a table.
import { html } from "hono/html";
import type { PopulationPoint } from "../../services/facility-registry.ts";
import type { Page } from "./page.ts";

const W = 360;
const H = 160;
const PAD_L = 44;
const PAD_B = 22;

/** The line chart with its table; `points` should already be thinned to a readable number. */
export function populationChart(
  p: Page,
  o: { id: string; title: string; desc: string; points: readonly PopulationPoint[]; empty: string },
) {
  const pts = o.points;
  if (!pts.length) return html`<p class="empty">${o.empty}</p>`;
  const max = Math.max(1, ...pts.map((x) => x.detained));
  const x = (i: number) => PAD_L + (pts.length === 1 ? 0 : (i / (pts.length - 1)) * (W - PAD_L - 4));
  const y = (v: number) => 4 + (1 - v / max) * (H - PAD_B - 8);
  const path = pts
    .map((pt, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(pt.detained).toFixed(1)}`)
    .join(" ");
  const first = pts[0]!;
  const last = pts.at(-1)!;
  return html`<figure class="chart">
    <svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${o.id}-t ${o.id}-d" focusable="false" xmlns="http://www.w3.org/2000/svg">
      <title id="${o.id}-t">${o.title}</title>
      <desc id="${o.id}-d">${o.desc}</desc>
      <line x1="${PAD_L}" y1="${y(0)}" x2="${W - 4}" y2="${y(0)}" class="chart-axis" stroke="currentColor" stroke-opacity="0.4"></line>
      <text x="0" y="${y(max) + 8}" class="chart-value">${p.number(max)}</text>
      <text x="0" y="${y(0)}" class="chart-value">0</text>
      <path d="${path}" fill="none" stroke="currentColor" stroke-width="2" class="chart-line"></path>
      <text x="${PAD_L}" y="${H - 4}" class="chart-label">${p.date(first.date)}</text>
      <text x="${W - 4}" y="${H - 4}" text-anchor="end" class="chart-label">${p.date(last.date)}</text>
    </svg>
    <figcaption>${o.title}</figcaption>
    <details class="chart-table">
      <summary>${p.t("population.table")}</summary>
      <table>
        <thead><tr><th scope="col">${p.t("population.date")}</th><th scope="col" class="num">${p.t("population.detained")}</th></tr></thead>
        <tbody>${pts.map((pt) => html`<tr><th scope="row">${p.date(pt.date)}</th><td class="num">${p.number(pt.detained)}</td></tr>`)}</tbody>
      </table>
    </details>
  </figure>`;
}
