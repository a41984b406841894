// Family access: GET/POST /family shows a relative's consented status for a case code and passphrase, in
// English or Spanish; POST /api/people/:id/family-code lets a lawyer issue a code (shown once).
import type { Context } from "hono";
import { html } from "hono/html";
import { isAppError } from "../domain/errors.ts";
import { createFamilyCode, type FamilyStatus, familyStatus } from "../services/family-access.ts";
import type { Database } from "../services/store.ts";
import { csrfField } from "./auth/csrf.ts";
import { type RateLimiter, rateLimiter } from "./auth/rate-limit.ts";
import { clientAddress } from "./auth/session.ts";
import { type Lang, localeFor, type MessageKey, requestLang } from "./i18n/index.ts";
import { render } from "./pages/page.ts";
import { param, type router, viewerOf } from "./routes.ts";

function day(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

function country(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function form(c: Context, lang: Lang, error?: string) {
  const { t } = localeFor(lang);
  return html`<h1>${t("family.title")}</h1>
    <p>${t("family.intro")}</p>
    ${error ? html`<p class="notice warn" role="alert">${error}</p>` : ""}
    <form method="post" action="/family?lang=${lang}" class="family" autocomplete="off">
      ${csrfField(c)}
      <div class="field">
        <label for="code">${t("family.code")}</label>
        <span class="hint" id="code-hint">${t("family.codeHint")}</span>
        <input id="code" name="code" type="text" maxlength="40" required autocapitalize="characters" spellcheck="false"
          aria-describedby="code-hint" />
      </div>
      <div class="field">
        <label for="passphrase">${t("family.pass")}</label>
        <span class="hint" id="pass-hint">${t("family.passHint")}</span>
        <input id="passphrase" name="passphrase" type="password" maxlength="60" required aria-describedby="pass-hint" />
      </div>
      <p><button type="submit">${t("family.submit")}</button></p>
    </form>
    <p class="muted">${t("family.privacy")}</p>`;
}

function statusView(s: FamilyStatus, lang: Lang) {
  const { t } = localeFor(lang);
  const where = s.place
    ? [s.place.name, s.place.city, s.place.state, country(s.place.country, lang)].filter(Boolean).join(", ")
    : "";
  return html`<h1>${s.name}</h1>
    <dl class="facts">
      <dt>${t("family.status")}</dt><dd>${t(`family.s.${s.status}` satisfies MessageKey)}</dd>
      ${where ? html`<dt>${t("family.place")}</dt><dd>${where}</dd>` : ""}
      ${s.since ? html`<dt>${t("family.since")}</dt><dd>${day(s.since, lang)}</dd>` : ""}
      ${s.next_hearing ? html`<dt>${t("family.hearing")}</dt><dd>${day(s.next_hearing.date, lang)}${s.next_hearing.place ? ` — ${s.next_hearing.place}` : ""}</dd>` : ""}
      <dt>${t("family.lawyer")}</dt><dd>${s.has_lawyer ? t("family.yes") : t("family.no")}</dd>
      ${s.court_protection ? html`<dt>${t("family.protection")}</dt><dd>${t("family.yes")}</dd>` : ""}
      <dt>${t("family.updated")}</dt><dd>${day(s.updated, lang)}</dd>
    </dl>
    <p class="muted">${t("family.privacy")}</p>
    <p><a href="/family?lang=${lang}">${t("family.again")}</a></p>`;
}

export function registerFamilyRoutes(r: ReturnType<typeof router>, db: Database, limiter?: RateLimiter) {
  // Ten look-ups per address per quarter hour; each code also locks after five wrong passphrases.
  const perAddress = limiter ?? rateLimiter({ max: 10, windowMs: 15 * 60_000 });
  const noStore = (c: Context) => {
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
  };

  r.add({ method: "GET", path: "/family", action: "read", resource: "family", kind: "page" }, (c) => {
    const lang = requestLang(c);
    noStore(c);
    return render(c, { title: localeFor(lang).t("family.title"), body: form(c, lang) });
  });

  r.add({ method: "POST", path: "/family", action: "read", resource: "family", kind: "page" }, async (c) => {
    const lang = requestLang(c);
    const { t } = localeFor(lang);
    noStore(c);
    const body = await c.req.parseBody();
    try {
      if (!perAddress.allow(clientAddress(c)))
        return render(c, { title: t("family.title"), body: form(c, lang, t("family.limited")) });
      const s = await familyStatus(db, { code: body.code, passphrase: body.passphrase });
      return render(c, { title: t("family.title"), body: statusView(s, lang) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      // The form comes back with the reason (status 200: error statuses get the generic error page).
      const msg =
        e.code === "RATE_LIMITED"
          ? t("family.limited")
          : e.code === "BAD_INPUT"
            ? t("family.bad")
            : e.code === "NOT_FOUND"
              ? t("family.none")
              : t("family.wrong");
      return render(c, { title: t("family.title"), body: form(c, lang, msg) });
    }
  });

  r.add(
    { method: "POST", path: "/api/people/:id/family-code", action: "write", resource: "family", kind: "api" },
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await createFamilyCode(db, param(c, "id"), viewerOf(c)), 201);
    },
  );
}
