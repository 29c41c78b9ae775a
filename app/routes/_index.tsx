import type { MessagesHandle } from "~/i18n";
import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { categoryName, groupByCategory } from "~/lib/results";
import { listPublishedSummaries } from "~/models/public.server";

export const handle: MessagesHandle = { i18n: ["public"] };

export const meta: MetaFunction = () => [
  { title: "Juara — Lomba Perpustakaan Desa/Kelurahan" },
  {
    name: "description",
    content: "Hasil penjurian lomba perpustakaan desa dan kelurahan.",
  },
  {
    property: "og:title",
    content: "Juara — Lomba Perpustakaan Desa/Kelurahan",
  },
  {
    property: "og:description",
    content: "Para juara lomba perpustakaan desa dan kelurahan.",
  },
  { property: "og:type", content: "website" },
];

export async function loader() {
  return json(
    { competitions: await listPublishedSummaries() },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export default function Home() {
  const { competitions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section aria-labelledby="published-heading">
        <h2 id="published-heading">{t("home.published")}</h2>
        {competitions.length === 0 ? (
          <p>{t("home.nonePublished")}</p>
        ) : (
          <ul className="card-list">
            {competitions.map((c) => (
              <li key={c.slug} className="card">
                <h3>
                  <Link to={`/competitions/${c.slug}`}>{c.name}</Link>
                </h3>
                <p className="muted">
                  {c.region} · {c.year}
                  {c.isDemo ? ` · ${t("public.demo")}` : ""}
                </p>
                {groupByCategory(c.winners, c.rankingScope).map((group) => (
                  <div key={group.category ?? "all"} className="mini-podium">
                    {group.category ? (
                      <h4>
                        {t("public.category", {
                          category: categoryName(t, group.category),
                        })}
                      </h4>
                    ) : null}
                    {/* the prize names the place: a numbered list would number them again */}
                    <ul>
                      {group.results.map((w) => (
                        <li key={w.libraryCode}>
                          <strong>{w.prize}</strong> {w.libraryName}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
                <Link to={`/competitions/${c.slug}`}>{t("public.seeWinners")}</Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/archive">{t("public.archive")}</Link>
        </p>
      </section>
      <p>
        <Link to="/login">{t("home.staffLogin")}</Link>
      </p>
    </>
  );
}
