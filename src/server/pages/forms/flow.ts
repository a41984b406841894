// The flow every staff record form shares: the page around the fields, and a POST that goes through one
// service, redirects when it saves, and otherwise shows the form again with every value kept and each
// message beside its field.
import type { Context } from "hono";
import { html } from "hono/html";
import { isAppError, type Problem } from "../../../domain/errors.ts";
import { ANONYMOUS } from "../../../domain/policy.ts";
import { NEWEST_SOURCES, sourceChoicesFor } from "../../../services/catalog.ts";
import type { Database } from "../../../services/store.ts";
import { localeFor } from "../../i18n/index.ts";
import type { router } from "../../routes.ts";
import {
  csrfField,
  errorSummary,
  type Field,
  type FormState,
  field,
  formWithProblems,
  list,
  str,
  type Values,
  words,
} from "../form-kit.ts";
import { sourceOptions } from "../options.ts";
import { type Page, pageOf } from "../page.ts";

export type Routes = ReturnType<typeof router>;

/** The route descriptor of a page that writes case records, and of one that writes sources. */
export const write = { action: "write", resource: "case", kind: "page" } as const;
export const writeSource = { action: "write", resource: "source", kind: "page" } as const;

/** Field names do not depend on the viewer or language: a neutral page builds the lists of them. */
export const pageStub: Page = {
  ...localeFor("en"),
  viewer: ANONYMOUS,
  staff: false,
  restricted: false,
  mayWrite: false,
  url: new URL("http://localhost/"),
};

/** The problems of a rejected write, or the error itself when it is not about the input. */
function problemsOf(e: unknown): Problem[] {
  if (isAppError(e) && (e.code === "BAD_INPUT" || e.code === "CONFLICT")) {
    return e.problems.length ? e.problems : [{ path: "", message: e.message }];
  }
  throw e;
}

function rename(problems: Problem[], map: (path: string) => string): Problem[] {
  return problems.map((pr) => ({ ...pr, path: map(pr.path) }));
}

export function num(v: Values, name: string): number | string | undefined {
  const s = str(v, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

/** Local wall-clock text of an instant, cut to its precision: what the form's "when" field takes back. */
export function localText(at: string, tz: string, precision: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(at));
  const g = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  const day = `${g("year")}-${g("month")}-${g("day")}`;
  if (precision === "year") return g("year");
  if (precision === "month") return `${g("year")}-${g("month")}`;
  if (precision === "minute") return `${day} ${g("hour")}:${g("minute")}`;
  return day;
}

export function formPage(
  p: Page,
  st: FormState,
  opts: { action: string; title: string; intro?: string; cancel: string; body: unknown; fields?: Field[] },
) {
  return html`<h1>${opts.title}</h1>
    ${opts.intro ? html`<p class="lede">${opts.intro}</p>` : ""}
    ${errorSummary(p, st, opts.fields)}
    <form method="post" action="${opts.action}" class="record-form" novalidate>
      ${csrfField(p)}
      ${opts.body}
      <div class="actions">
        <button type="submit">${p.t("form.save")}</button>
        <a href="${opts.cancel}" class="button secondary">${p.t("form.cancel")}</a>
      </div>
    </form>`;
}

/** The sources a form cites: those chosen in its list and, where the list holds only some, the ids typed beside it. */
export const sourceIdsOf = (v: Values): string[] => [
  ...new Set([...list(v, "source_ids"), ...words(v, "source_ids_more")]),
];

/**
 * A form's source fields: the list of sources to cite (services/catalog.ts sourceChoicesFor: every one, or on
 * a long record the newest and those cited already) and, when it holds only some, a field for the ids of
 * others (from the sources page).
 */
export async function sourceFields(db: Database, p: Page, st: FormState): Promise<Field[]> {
  const { sources, narrowed } = await sourceChoicesFor(db, p.viewer, sourceIdsOf(st.values));
  const list: Field = {
    name: "source_ids",
    label: p.t("form.sources"),
    type: "multiselect",
    options: sourceOptions(sources),
    hint: narrowed
      ? `${p.t("form.sourcesHint")} ${p.t("form.sourcesNarrowed", { n: NEWEST_SOURCES })}`
      : p.t("form.sourcesHint"),
  };
  return narrowed
    ? [list, { name: "source_ids_more", label: p.t("form.moreSources"), hint: p.t("form.moreSourcesHint") }]
    : [list];
}

/** The source fields by name only, for the lists of a form's field names. */
export const SOURCE_FIELD_NAMES: Field[] = [
  { name: "source_ids", label: "" },
  { name: "source_ids_more", label: "" },
];

export const fieldsBlock = (p: Page, st: FormState, fs: Field[]) => html`${fs.map((f) => field(p, st, f))}`;
export const namesOf = (fs: Field[]) => fs.map((f) => f.name);
export const sourcesFix = (path: string) =>
  path === "sources" || path.startsWith("sources.") ? "source_ids" : path;

/**
 * The POST every form shares: `save` runs the one service command and answers where to go next (303);
 * when the service answers with problems, `show` renders the form again with them beside their fields.
 */
export async function saveOrShow<R>(
  c: Context,
  v: Values,
  flow: {
    save: () => Promise<string>;
    names: () => string[];
    fix?: (path: string) => string;
    show: (st: FormState) => R;
  },
) {
  try {
    return c.redirect(await flow.save(), 303);
  } catch (e) {
    const problems = problemsOf(e);
    const st = formWithProblems(v, flow.fix ? rename(problems, flow.fix) : problems, flow.names(), pageOf(c));
    return flow.show(st);
  }
}
