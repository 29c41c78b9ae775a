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
import type { ReactNode } from "react";
import { getLang } from "~/i18n/lang.server";
import { useLang, useT } from "~/i18n/useT";
import { hasDemoData } from "~/models/competitions.server";
import { getSessionUser } from "~/lib/session.server";
import { useNonce } from "~/lib/nonce";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [lang, user, demo] = await Promise.all([
    getLang(request),
    getSessionUser(request),
    hasDemoData(),
  ]);
  return json({
    lang,
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
    <Form method="post" action="/language" className="lang-switch">
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
                  <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink>
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

function Document({ children }: { children: ReactNode }) {
  const lang = useLang();
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
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

export default function App() {
  const data = useRouteLoaderData<RootLoader>("root");
  const t = useT();
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
      {data?.demo ? (
        <p className="demo-banner" role="note">
          {t("app.demoBanner")}
        </p>
      ) : null}
      <main id="main" className="main">
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const message =
    status === 400
      ? t("error.400")
      : status === 403
        ? t("error.403")
        : status === 404
          ? t("error.404")
          : status === 413
            ? t("error.413")
            : t("error.500");
  return (
    <Document>
      <main id="main" className="main">
        <h1>{t("error.title")}</h1>
        <p role="alert">{message}</p>
        <p>
          <Link to="/">{t("error.backHome")}</Link>
        </p>
      </main>
    </Document>
  );
}
