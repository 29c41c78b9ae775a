import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { getLibraryEntry, getManagedLibrary } from "~/models/library-accounts.server";
import { findLibraryEntry } from "~/models/self-assessment.server";
import { SelfAssessmentSection } from "./SelfAssessmentForm";
import { handleSelfAssessmentPost, loadSelfAssessment } from "./self-assessment.server";

export const handle: MessagesHandle = { i18n: ["library", "evidence", "judge"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.name ?? ""} · Juara` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["library"]);
  const library = await getManagedLibrary(user.id);
  // a competition the library is not entered in (or a draft) is answered as absent
  const entry = library ? await getLibraryEntry(library.id, params.slug ?? "") : undefined;
  const own = library ? await findLibraryEntry(library.id, params.slug ?? "") : undefined;
  if (!entry || !own) throw new Response("Not found", { status: 404 });
  const selfAssessment = await loadSelfAssessment(own);
  return json({ ...entry, selfAssessment }, { headers: { "Cache-Control": "private, no-store" } });
}

/** The self-assessment form (docs/http.md): only the library's own entry, else 404. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["library"]);
  const library = await getManagedLibrary(user.id);
  const entry = library ? await findLibraryEntry(library.id, params.slug ?? "") : undefined;
  if (!entry) throw new Response("Not found", { status: 404 });
  return handleSelfAssessmentPost(user, entry, request);
}

export default function LibraryEntryPage() {
  const t = useT();
  const entry = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const published = entry.competition.status === "published";
  const place = [entry.library.village, entry.library.district].filter(Boolean).join(", ");
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/library">{t("library.entry.back")}</Link>
      </p>
      <h1>{t("library.entry.title", { competition: entry.competition.name })}</h1>
      <dl className="details">
        <Item term={t("library.entry.library")}>{entry.library.name}</Item>
        <Item term={t("library.entry.code")}>{entry.library.code}</Item>
        <Item term={t("library.entry.category")}>{t(`libraryType.${entry.category}`)}</Item>
        {place ? <Item term={t("library.entry.district")}>{place}</Item> : null}
        <Item term={t("library.entry.status")}>
          {t(`setup.entries.status.${entry.status}`)}
          {entry.statusReason ? <span className="muted"> — {entry.statusReason}</span> : null}
        </Item>
        <Item term={t("library.entry.competitionStatus")}>
          <span className={`badge status-${entry.competition.status}`}>
            {t(`status.${entry.competition.status}`)}
          </span>
        </Item>
        {entry.result ? <Item term={t("library.entry.rank")}>{entry.result.rank}</Item> : null}
        {entry.result?.prize ? (
          <Item term={t("library.entry.prize")}>{entry.result.prize}</Item>
        ) : null}
      </dl>
      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading">
          {t(published ? "library.entry.stagesPublished" : "library.entry.stages")}
        </h2>
        <ol>
          {entry.stages.map((s) => (
            <li key={s.code} aria-current={s.current ? "step" : undefined}>
              {s.name} <span className="muted">({s.code})</span>
              {s.current ? <strong> — {t("library.entry.stageCurrent")}</strong> : null}
              {s.reached ? <strong> — {t("library.entry.stageReached")}</strong> : null}
            </li>
          ))}
        </ol>
      </section>
      {entry.selfAssessment ? (
        <SelfAssessmentSection
          slug={entry.competition.slug}
          data={entry.selfAssessment}
          answer={answer}
        />
      ) : null}
      {published ? (
        <p>
          <Link to={`/competitions/${entry.competition.slug}`}>
            {t("library.entry.publicResults")}
          </Link>
          {" · "}
          <Link to={`/library/${entry.competition.slug}/feedback`}>
            {t("library.feedback.link")}
          </Link>
        </p>
      ) : (
        <p className="hint">{t("library.entry.notYet")}</p>
      )}
    </>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
