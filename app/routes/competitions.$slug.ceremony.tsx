import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { isMessageKey, type MessagesHandle } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { ceremonyOrder } from "~/lib/results";

export const handle: MessagesHandle & { bare: true } = { bare: true, i18n: ["public"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { snapshot, headers } = await loadPublishedPage(request, params.slug);
  return json(
    {
      competition: snapshot.competition,
      reveals: ceremonyOrder(snapshot.results, snapshot.competition.rankingScope).map((r) => ({
        prize: r.prize,
        category: snapshot.competition.rankingScope === "category" ? r.category : null,
        name: r.library.name,
        village: r.library.village,
        district: r.library.district,
        finalScoreX100: r.finalScoreX100,
      })),
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.competition.name} · Juara` : "Juara" },
];

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);

/**
 * For the projector: Harapan first, then Juara III, II, I, one per key press or click, from the
 * first reveal on (the screen opens on it). The step lives in the URL (?step=n, 1 to the number
 * of prizes), so without JavaScript the Next link does the same. Escape or the exit link go back
 * to the winners page.
 */
export default function Ceremony() {
  const { competition, reveals } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const total = reveals.length;
  const step = Math.min(total, Math.max(1, Number.parseInt(params.get("step") ?? "1", 10) || 1));
  const current = reveals[step - 1];
  const winnersPage = `/competitions/${competition.slug}`;

  useEffect(() => {
    const go = (to: number) => navigate(`?step=${to}`, { replace: true, preventScrollReset: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        navigate(winnersPage);
        return;
      }
      if (event.target instanceof HTMLElement && event.target.closest("a, button")) return;
      if (NEXT_KEYS.has(event.key) && step < total) {
        event.preventDefault();
        go(step + 1);
      } else if (PREVIOUS_KEYS.has(event.key) && step > 1) {
        event.preventDefault();
        go(step - 1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, step, total, winnersPage]);

  const categoryLabel = (category: string | null) => {
    if (!category) return null;
    const key = `libraryType.${category}`;
    return isMessageKey(key) ? t(key) : category;
  };

  return (
    <div className="ceremony">
      <header className="ceremony-top">
        <h1 className="ceremony-competition">
          <span className="visually-hidden">{t("ceremony.title")}: </span>
          {competition.name}
        </h1>
        <Link to={winnersPage} className="ceremony-exit">
          {t("ceremony.exit")}
          <span className="ceremony-key" aria-hidden="true">
            Esc
          </span>
        </Link>
      </header>
      <div className="ceremony-stage" aria-live="assertive" aria-atomic="true">
        {current ? (
          <div className="ceremony-reveal" data-testid="reveal">
            {current.category ? (
              <p className="ceremony-category">{categoryLabel(current.category)}</p>
            ) : null}
            <p className="ceremony-prize">{current.prize}</p>
            <p className="ceremony-name">{current.name}</p>
            <p className="ceremony-where">
              {current.village}, {current.district}
            </p>
            <p className="ceremony-score">{formatScore(current.finalScoreX100, lang)}</p>
          </div>
        ) : (
          <p className="ceremony-title">{t("public.noResults")}</p>
        )}
        {step === total && total > 0 ? <p className="ceremony-done">{t("ceremony.done")}</p> : null}
      </div>
      {total > 0 ? (
        <nav className="ceremony-controls" aria-label={t("ceremony.title")}>
          {step > 1 ? (
            <Link to={`?step=${step - 1}`} replace preventScrollReset>
              {t("ceremony.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="ceremony-progress">{t("ceremony.step", { step, total })}</span>
          {step < total ? (
            <Link to={`?step=${step + 1}`} replace preventScrollReset className="ceremony-next">
              {t("ceremony.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      {step < total ? <p className="ceremony-hint">{t("ceremony.keys")}</p> : null}
    </div>
  );
}
