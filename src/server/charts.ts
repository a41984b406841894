// Charts as SVG rendered on the server: readable without JavaScript, named by <title> and <desc> for
// screen readers, and always followed by the same numbers as a table.
import { html } from "hono/html";

export type BarRow = {
  label: string;
  value: number;
  /** The value as shown (e.g. "fewer than 5"); defaults to the number itself. */
  display?: string;
  /** Drawn as an outline only: the value is withheld or approximate. */
  withheld?: boolean;
  href?: string;
};

export type BarChart = {
  id: string;
  title: string;
  desc: string;
  rows: BarRow[];
  /** Column headings of the table fallback. */
  columns: [string, string];
  /** Text of the table's disclosure summary ("Show as a table"). */
  tableLabel: string;
  /** Shown instead of the chart when there are no rows. */
  empty: string;
};

const W = 360;
const LABEL_H = 20;
const BAR_H = 16;
const GAP = 12;
const VALUE_W = 100;

/** Cuts long labels so they fit the chart's width at its font size; the table keeps the full text. */
function fit(label: string, max = 46): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** A horizontal bar chart, label above each bar, value at the bar's end. */
export function barChart(c: BarChart) {
  if (!c.rows.length) return html`<p class="empty">${c.empty}</p>`;
  const max = Math.max(1, ...c.rows.map((r) => r.value));
  const rowH = LABEL_H + BAR_H + GAP;
  const height = c.rows.length * rowH;
  const barMax = W - VALUE_W;
  return html`<figure class="chart">
    <svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-labelledby="${c.id}-t ${c.id}-d" focusable="false" xmlns="http://www.w3.org/2000/svg">
      <title id="${c.id}-t">${c.title}</title>
      <desc id="${c.id}-d">${c.desc}</desc>
      ${c.rows.map((r, i) => {
        const y = i * rowH;
        const w = Math.max(2, Math.round((r.value / max) * barMax));
        const shown = r.display ?? String(r.value);
        return html`<g>
          <text x="0" y="${y + 14}" class="chart-label">${fit(r.label)}</text>
          <rect x="0" y="${y + LABEL_H}" width="${w}" height="${BAR_H}" rx="2" class="${r.withheld ? "chart-bar withheld" : "chart-bar"}"></rect>
          <text x="${w + 6}" y="${y + LABEL_H + 13}" class="chart-value">${shown}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${c.title}</figcaption>
    <details class="chart-table">
      <summary>${c.tableLabel}</summary>
      <table>
        <thead><tr><th scope="col">${c.columns[0]}</th><th scope="col" class="num">${c.columns[1]}</th></tr></thead>
        <tbody>
          ${c.rows.map(
            (r) =>
              html`<tr><th scope="row">${r.href ? html`<a href="${r.href}">${r.label}</a>` : r.label}</th><td class="num">${r.display ?? String(r.value)}</td></tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}
