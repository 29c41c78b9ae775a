import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { isMessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { ceremonyOrder } from "~/lib/results";

export const handle = { bare: true };

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
 * For the projector: Harapan first, then Juara III, II, I, one per key press or click. The step
 * lives in the URL (?step=n), so without JavaScript the Next link does the same.
 */
export default function Ceremony() {
  const { competition, reveals } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const total = reveals.length;
  const step = Math.min(total, Math.max(0, Number.parseInt(params.get("step") ?? "0", 10) || 0));
  const current = step > 0 ? reveals[step - 1] : undefined;

  useEffect(() => {
    const go = (to: number) => navigate(`?step=${to}`, { replace: true, preventScrollReset: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest("a, button")) return;
      if (NEXT_KEYS.has(event.key) && step < total) {
        event.preventDefault();
        go(step + 1);
      } else if (PREVIOUS_KEYS.has(event.key) && step > 0) {
        event.preventDefault();
        go(step - 1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, step, total]);

  const categoryLabel = (category: string | null) => {
    if (!category) return null;
    const key = `libraryType.${category}`;
    return isMessageKey(key) ? t(key) : category;
  };

  return (
    <div className="ceremony">
      <p className="ceremony-competition">{competition.name}</p>
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
          <h1 className="ceremony-title">{t("ceremony.title")}</h1>
        )}
        {step === total && total > 0 ? <p className="ceremony-done">{t("ceremony.done")}</p> : null}
      </div>
      <nav className="ceremony-controls" aria-label={t("ceremony.title")}>
        {step > 0 ? (
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
          <Link to={`/competitions/${competition.slug}`}>{t("ceremony.exit")}</Link>
        )}
      </nav>
      <p className="ceremony-hint">{t("ceremony.hint")}</p>
    </div>
  );
}
