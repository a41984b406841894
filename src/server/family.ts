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
import { type Lang, requestLang } from "./i18n/index.ts";
import { render } from "./pages/page.ts";
import { param, type router, viewerOf } from "./routes.ts";

const T = {
  en: {
    title: "A relative's status",
    intro:
      "Enter the case code and the passphrase the legal team gave you. You will see only what your relative agreed to share.",
    code: "Case code",
    codeHint: "Like F-7K3M-Q9PX",
    pass: "Passphrase",
    passHint: "Three groups of four letters and digits",
    submit: "See status",
    wrong: "That code and passphrase do not match. Check them and try again.",
    limited: "Too many tries. Wait an hour and try again, or call the legal team.",
    none: "No status is shared for this code. Please call the legal team.",
    bad: "Enter the case code and the passphrase exactly as you were given them.",
    status: "Status",
    place: "Where",
    since: "Since",
    hearing: "Next hearing",
    lawyer: "Has a lawyer",
    protection: "A court order protects them from removal or transfer",
    yes: "Yes",
    no: "Not on record",
    updated: "Last updated",
    privacy:
      "Keep the code and passphrase private: anyone with both can see this page. Nothing here is legal advice.",
    again: "Check another code",
    s: {
      held_us: "Held in immigration detention in the United States",
      held_abroad: "Held outside the United States",
      removed: "Removed (deported) from the United States",
      released: "Released",
      returned: "Returned to the United States",
      unknown: "Not known yet",
    },
  },
  es: {
    title: "Situación de un familiar",
    intro:
      "Escriba el código de caso y la frase de acceso que le dio el equipo legal. Solo verá lo que su familiar aceptó compartir.",
    code: "Código de caso",
    codeHint: "Como F-7K3M-Q9PX",
    pass: "Frase de acceso",
    passHint: "Tres grupos de cuatro letras y números",
    submit: "Ver situación",
    wrong: "El código y la frase no coinciden. Revíselos y vuelva a intentarlo.",
    limited: "Demasiados intentos. Espere una hora y vuelva a intentarlo, o llame al equipo legal.",
    none: "No hay información compartida para este código. Por favor llame al equipo legal.",
    bad: "Escriba el código de caso y la frase de acceso tal como se los dieron.",
    status: "Situación",
    place: "Dónde",
    since: "Desde",
    hearing: "Próxima audiencia",
    lawyer: "Tiene abogado",
    protection: "Una orden judicial le protege de la deportación o del traslado",
    yes: "Sí",
    no: "No consta",
    updated: "Última actualización",
    privacy:
      "Mantenga el código y la frase en privado: quien tenga ambos puede ver esta página. Nada de esto es asesoría legal.",
    again: "Consultar otro código",
    s: {
      held_us: "Detenido/a por inmigración en Estados Unidos",
      held_abroad: "Detenido/a fuera de Estados Unidos",
      removed: "Deportado/a de Estados Unidos",
      released: "Liberado/a",
      returned: "Regresó a Estados Unidos",
      unknown: "Aún no se sabe",
    },
  },
} as const;

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
  const t = T[lang];
  return html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    ${error ? html`<p class="notice warn" role="alert">${error}</p>` : ""}
    <form method="post" action="/family?lang=${lang}" class="family" autocomplete="off">
      ${csrfField(c)}
      <div class="field">
        <label for="code">${t.code}</label>
        <span class="hint" id="code-hint">${t.codeHint}</span>
        <input id="code" name="code" type="text" maxlength="40" required autocapitalize="characters" spellcheck="false"
          aria-describedby="code-hint" />
      </div>
      <div class="field">
        <label for="passphrase">${t.pass}</label>
        <span class="hint" id="pass-hint">${t.passHint}</span>
        <input id="passphrase" name="passphrase" type="password" maxlength="60" required aria-describedby="pass-hint" />
      </div>
      <p><button type="submit">${t.submit}</button></p>
    </form>
    <p class="muted">${t.privacy}</p>`;
}

function statusView(s: FamilyStatus, lang: Lang) {
  const t = T[lang];
  const where = s.place
    ? [s.place.name, s.place.city, s.place.state, country(s.place.country, lang)].filter(Boolean).join(", ")
    : "";
  return html`<h1>${s.name}</h1>
    <dl class="facts">
      <dt>${t.status}</dt><dd>${t.s[s.status]}</dd>
      ${where ? html`<dt>${t.place}</dt><dd>${where}</dd>` : ""}
      ${s.since ? html`<dt>${t.since}</dt><dd>${day(s.since, lang)}</dd>` : ""}
      ${s.next_hearing ? html`<dt>${t.hearing}</dt><dd>${day(s.next_hearing.date, lang)}${s.next_hearing.place ? ` — ${s.next_hearing.place}` : ""}</dd>` : ""}
      <dt>${t.lawyer}</dt><dd>${s.has_lawyer ? t.yes : t.no}</dd>
      ${s.court_protection ? html`<dt>${t.protection}</dt><dd>${t.yes}</dd>` : ""}
      <dt>${t.updated}</dt><dd>${day(s.updated, lang)}</dd>
    </dl>
    <p class="muted">${t.privacy}</p>
    <p><a href="/family?lang=${lang}">${t.again}</a></p>`;
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
    return render(c, { title: T[lang].title, body: form(c, lang) });
  });

  r.add({ method: "POST", path: "/family", action: "read", resource: "family", kind: "page" }, async (c) => {
    const lang = requestLang(c);
    const t = T[lang];
    noStore(c);
    const body = await c.req.parseBody();
    try {
      if (!perAddress.allow(clientAddress(c)))
        return render(c, { title: t.title, body: form(c, lang, t.limited) });
      const s = await familyStatus(db, { code: body.code, passphrase: body.passphrase });
      return render(c, { title: t.title, body: statusView(s, lang) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      // The form comes back with the reason (status 200: error statuses get the generic error page).
      const msg =
        e.code === "RATE_LIMITED"
          ? t.limited
          : e.code === "BAD_INPUT"
            ? t.bad
            : e.code === "NOT_FOUND"
              ? t.none
              : t.wrong;
      return render(c, { title: t.title, body: form(c, lang, msg) });
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
