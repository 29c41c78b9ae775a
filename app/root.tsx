import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { DEFAULT_LANG, translate, type MessageKey } from "~/i18n";
import { messageChunks } from "~/i18n/chunks.server";
import { getLang } from "~/i18n/lang.server";
import { sectionsOf, useLang, useT } from "~/i18n/useT";
import { preloadSectionsOnNavigation } from "~/i18n/navigation";
import { hasDemoData } from "~/models/competitions.server";
import { getSessionUser } from "~/lib/session.server";
import { useNonce } from "~/lib/nonce";
import { InlineStylesheet } from "~/lib/inline-stylesheet";

// the stylesheet is written into the page (InlineStylesheet), not linked
export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: "Juara" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${translate(data?.lang ?? DEFAULT_LANG, errorTitle(status))} · Juara` }];
};

function errorTitle(status: number): MessageKey {
  return status === 403 ? "error.title.403" : status === 404 ? "error.title.404" : "error.title";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [lang, user, demo] = await Promise.all([
    getLang(request),
    getSessionUser(request),
    hasDemoData(),
  ]);
  return json({
    lang,
    messageChunks: messageChunks(lang),
    // so a navigation can fetch the next page's sections with its data (app/i18n/navigation.ts)
    routeSections: context.routeSections ?? [],
    demo,
    user: user ? { id: user.id, name: user.name, role: user.role } : null,
  });
}

export type RootLoader = typeof loader;

function LanguageSwitch() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  return (
    // the same page comes back in the other language: the reader stays where they were
    <Form method="post" action="/language" className="lang-switch" preventScrollReset>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="lang" value={lang === "id" ? "en" : "id"} />
      <button type="submit" className="link-button" lang={lang === "id" ? "en" : "id"}>
        {t("lang.switchTo")}
      </button>
    </Form>
  );
}

function Header() {
  const t = useT();
  const data = useRouteLoaderData<RootLoader>("root");
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="header-inner">
        <Link to="/" className="brand">
          {t("app.name")}
          <span className="brand-tagline">{t("app.tagline")}</span>
        </Link>
        <nav aria-label={t("nav.main")}>
          <ul className="nav-list">
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/archive">{t("public.archive")}</NavLink>
            </li>
            <li>
              <NavLink to="/about">{t("nav.about")}</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  {user.role === "library" ? (
                    <NavLink to="/library">{t("library.nav")}</NavLink>
                  ) : (
                    <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink>
                  )}
                </li>
                {user.role === "chair" || user.role === "admin" ? (
                  <>
                    <li>
                      <NavLink to="/judges">{t("nav.judges")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/chair/libraries">{t("setup.nav.libraries")}</NavLink>
                    </li>
                  </>
                ) : null}
                {user.role === "admin" ? (
                  <li>
                    <NavLink to="/admin/users">{t("nav.users")}</NavLink>
                  </li>
                ) : null}
                {user.role === "chair" || user.role === "admin" ? (
                  <li>
                    <NavLink to="/audit">{t("nav.audit")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/account/password">{t("nav.account")}</NavLink>
                </li>
              </>
            ) : (
              <li>
                <NavLink to="/login">{t("nav.login")}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="header-tools">
          {user ? (
            <Form method="post" action="/logout">
              <span className="whoami">
                {user.name} · {t(`role.${user.role}`)}
              </span>{" "}
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          ) : null}
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

/**
 * The page's message sections, fetched alongside its other modules: app/entry.client.tsx
 * imports them before hydrating, and finds them already here.
 */
function MessagePreloads() {
  const chunks = useRouteLoaderData<RootLoader>("root")?.messageChunks;
  const sections = sectionsOf(useMatches().map((m) => m.handle));
  return chunks
    ? sections.map((s) =>
        chunks[s] ? <link key={s} rel="modulepreload" href={chunks[s]} /> : null,
      )
    : null;
}

function Document({ children }: { children: ReactNode }) {
  const lang = useLang();
  const nonce = useNonce();
  // Set once React has hydrated the page (event handlers attached): the end-to-end tests and the
  // slow-network bench wait for it. `window.__remixRouter` exists earlier, before the first commit.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
    preloadSectionsOnNavigation();
  }, []);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <InlineStylesheet />
        <Links />
        <MessagePreloads />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** A route with `handle = { bare: true }` (the ceremony screen) fills the window alone. */
function useBareLayout(): boolean {
  return useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare === true);
}

function DemoBanner() {
  const data = useRouteLoaderData<RootLoader>("root");
  const t = useT();
  return data?.demo ? (
    <p className="demo-banner" role="note">
      {t("app.demoBanner")}
    </p>
  ) : null;
}

export default function App() {
  if (useBareLayout()) {
    return (
      <Document>
        <main id="main">
          <Outlet />
        </main>
      </Document>
    );
  }
  return (
    <Document>
      <Header />
      <DemoBanner />
      <main id="main" className="main">
        <Outlet />
      </main>
    </Document>
  );
}

/**
 * Every error page keeps the site around it: the header with its navigation, the visitor's name,
 * logout and language switch (the root loader's data when it ran; a page that errs before it ran
 * still renders, in the default language, with the anonymous header).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const data = useRouteLoaderData<RootLoader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const message =
    status === 400
      ? t("error.400")
      : status === 403
        ? t("error.403")
        : status === 404
          ? null
          : status === 413
            ? t("error.413")
            : status === 503
              ? t("error.503")
              : t("error.500");
  return (
    <Document>
      <Header />
      <DemoBanner />
      <main id="main" className="main error-page">
        <h1>{t(errorTitle(status))}</h1>
        {message ? <p role="alert">{message}</p> : null}
        {status === 403 ? <p>{t("error.advice.403")}</p> : null}
        {status === 404 ? <p>{t("error.advice.404")}</p> : null}
        <ul className="page-links">
          {status === 403 && data?.user ? (
            <li>
              <Link to="/dashboard">{t("error.toDashboard")}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/">{t("error.backHome")}</Link>
          </li>
          {status === 404 ? (
            <li>
              <Link to="/archive">{t("public.archive")}</Link>
            </li>
          ) : null}
        </ul>
      </main>
    </Document>
  );
}
