import type { MessagesHandle } from "~/i18n";
import type { MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/useT";

export const handle: MessagesHandle = { i18n: ["public"] };

export const meta: MetaFunction = () => [
  { title: "Tentang · Juara" },
  {
    name: "description",
    content: "Tentang aplikasi penjurian lomba perpustakaan desa/kelurahan.",
  },
];

/** A constant page; the public-pages benchmark also uses it as its baseline. */
export default function About() {
  const t = useT();
  return (
    <article className="narrow-text">
      <h1>{t("about.title")}</h1>
      <p>{t("about.body1")}</p>
      <p>{t("about.body2")}</p>
      <p>{t("about.body3")}</p>
    </article>
  );
}
