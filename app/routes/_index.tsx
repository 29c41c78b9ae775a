import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { listPublishedCompetitions } from "~/models/competitions.server";

export const meta: MetaFunction = () => [
  { title: "Juara — Lomba Perpustakaan Desa/Kelurahan" },
  { name: "description", content: "Hasil penjurian lomba perpustakaan desa dan kelurahan." },
];

export async function loader() {
  return json({ competitions: await listPublishedCompetitions() });
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
                <Link to={`/competitions/${c.slug}`}>{c.name}</Link> <span className="muted">{c.year}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/login">{t("home.staffLogin")}</Link>
      </p>
    </>
  );
}
