import type { MessagesHandle } from "~/i18n";
import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { categoryName } from "~/lib/results";
import { listPlacingsByDistrict, listPublishedSummaries } from "~/models/public.server";

export const handle: MessagesHandle = { i18n: ["public"] };

export const meta: MetaFunction = () => [
  { title: "Arsip · Juara" },
  {
    name: "description",
    content: "Arsip hasil lomba perpustakaan desa/kelurahan menurut tahun dan kecamatan.",
  },
];

export async function loader() {
  const [competitions, districts] = await Promise.all([
    listPublishedSummaries(),
    listPlacingsByDistrict(),
  ]);
  const years = [...new Set(competitions.map((c) => c.year))];
  return json(
    {
      years: years.map((year) => ({
        year,
        competitions: competitions.filter((c) => c.year === year),
      })),
      districts,
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export default function Archive() {
  const { years, districts } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("public.archive")}</h1>
      {years.length === 0 ? <p>{t("public.noArchive")}</p> : null}
      <section aria-labelledby="by-year">
        <h2 id="by-year">{t("public.archiveByYear")}</h2>
        {years.map(({ year, competitions }) => (
          <div key={year}>
            <h3>{year}</h3>
            <ul>
              {competitions.map((c) => (
                <li key={c.slug}>
                  <Link to={`/competitions/${c.slug}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="by-district">
        <h2 id="by-district">{t("public.archiveByDistrict")}</h2>
        {districts.map((d) => (
          <div key={d.district}>
            <h3>{d.district}</h3>
            <ul>
              {d.results.map((r) => (
                <li key={`${r.slug}-${r.libraryCode}`}>
                  {r.year} · <strong>{r.prize}</strong>
                  {r.category
                    ? ` (${t("public.category", { category: categoryName(t, r.category) })})`
                    : ""}{" "}
                  — <Link to={`/libraries/${r.libraryCode}`}>{r.libraryName}</Link>{" "}
                  <span className="muted">
                    (<Link to={`/competitions/${r.slug}`}>{r.competition}</Link>)
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
