import { NavLink } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import {
  AGGREGATIONS,
  COMPETITION_LEVELS,
  RANKING_SCOPES,
  type CompetitionStatus,
} from "../../db/schema";
import { Field, SelectField } from "~/components/Field";
import { useLang, useT } from "~/i18n/useT";
import { describe, type Message } from "~/lib/messages";
import { SETTINGS_LIMITS } from "~/lib/settings-limits";
import { useHydrated } from "~/lib/use-hydrated";

/** The competition's setup pages, one link each. */
export function CompetitionNav({
  slug,
  name,
  status,
}: {
  slug: string;
  name: string;
  status: CompetitionStatus;
}) {
  const t = useT();
  const base = `/chair/competitions/${slug}`;
  return (
    <>
      <p className="muted">
        {name} · <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>
      </p>
      <nav aria-label={t("setup.nav.label")} className="page-links">
        <NavLink to={base} end>
          {t("setup.nav.overview")}
        </NavLink>
        <NavLink to={`${base}/settings`}>{t("setup.nav.settings")}</NavLink>
        <NavLink to={`${base}/criteria`}>{t("setup.nav.criteria")}</NavLink>
        <NavLink to={`${base}/entries`}>{t("setup.nav.entries")}</NavLink>
        <NavLink to={`${base}/judges`}>{t("setup.nav.judges")}</NavLink>
        {status !== "draft" ? (
          <NavLink to={`${base}/sheets`}>{t("scoring.nav.sheets")}</NavLink>
        ) : null}
        {status !== "draft" ? <NavLink to={`${base}/results`}>{t("results.nav")}</NavLink> : null}
        {status !== "draft" ? <NavLink to={`${base}/stages`}>{t("stages.nav")}</NavLink> : null}
      </nav>
    </>
  );
}

/** Messages from a model (catalog keys with placeholders), in the visitor's language. */
export function MessageList({
  messages,
  role = "alert",
}: {
  messages: Message[];
  role?: "alert" | "status";
}) {
  const lang = useLang();
  if (messages.length === 0) return null;
  return (
    <ul className={role === "alert" ? "field-errors" : undefined} role={role}>
      {messages.map((m, i) => (
        <li key={i}>
          {describe(lang, m)}
          {m.items?.length ? (
            <ul>
              {m.items.map((item, j) => (
                <li key={j}>{describe(lang, item)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function useDescribe() {
  const lang = useLang();
  return (m: Message) => describe(lang, m);
}

/**
 * A destructive row action in two steps, the same with JavaScript or without: the first button
 * (a disclosure, announced as expanded or collapsed) opens the question beneath it, and only the
 * button given as `children` there sends the POST. Pressing the first button again closes it; with
 * JavaScript a cancel button does too and gives the focus back.
 */
export function ConfirmStep({
  label,
  question,
  children,
}: {
  label: string;
  question: string;
  children: ReactNode;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const details = useRef<HTMLDetailsElement>(null);
  const cancel = () => {
    const d = details.current;
    if (!d) return;
    d.open = false;
    d.querySelector("summary")?.focus();
  };
  return (
    <details className="confirm-step" ref={details}>
      <summary className="button small danger">{label}</summary>
      <div className="confirm-step-body">
        <p>{question}</p>
        {children}
        {hydrated ? (
          <>
            {" "}
            <button type="button" className="button small" onClick={cancel}>
              {t("action.cancel")}
            </button>
          </>
        ) : null}
      </div>
    </details>
  );
}

export type FormErrors = Partial<Record<string, string[]>>;

/** The competition's settings fields, shared by the "new" and "settings" forms. */
export function SettingsFields({
  values,
  errors,
}: {
  values: Partial<Record<string, string>>;
  errors: FormErrors;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t("setup.field.name")}
        name="name"
        required
        defaultValue={values.name}
        errors={errors.name}
      />
      <Field
        label={t("setup.field.year")}
        name="year"
        type="number"
        inputMode="numeric"
        {...SETTINGS_LIMITS.year}
        required
        defaultValue={values.year}
        errors={errors.year}
      />
      <SelectField
        label={t("setup.field.level")}
        name="level"
        defaultValue={values.level ?? "kabupaten"}
        options={COMPETITION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        errors={errors.level}
      />
      <Field
        label={t("setup.field.region")}
        name="region"
        defaultValue={values.region}
        errors={errors.region}
      />
      <SelectField
        label={t("setup.field.aggregation")}
        name="aggregation"
        defaultValue={values.aggregation ?? "mean"}
        options={AGGREGATIONS.map((a) => ({ value: a, label: t(`aggregation.${a}`) }))}
        hint={
          <ul className="hint-list">
            {AGGREGATIONS.map((a) => (
              <li key={a}>
                <strong>{t(`aggregation.${a}`)}</strong>: {t(`setup.field.aggregationHint.${a}`)}
              </li>
            ))}
          </ul>
        }
        errors={errors.aggregation}
      />
      <Field
        label={t("setup.field.prizeWinners")}
        name="prizeWinners"
        type="number"
        inputMode="numeric"
        {...SETTINGS_LIMITS.prizeWinners}
        hint={t("setup.field.prizeWinnersHint")}
        defaultValue={values.prizeWinners ?? "3"}
        errors={errors.prizeWinners}
      />
      <Field
        label={t("setup.field.prizeHonourable")}
        name="prizeHonourable"
        type="number"
        inputMode="numeric"
        {...SETTINGS_LIMITS.prizeHonourable}
        hint={t("setup.field.prizeHonourableHint")}
        defaultValue={values.prizeHonourable ?? "3"}
        errors={errors.prizeHonourable}
      />
      <SelectField
        label={t("setup.field.rankingScope")}
        name="rankingScope"
        defaultValue={values.rankingScope ?? "overall"}
        options={RANKING_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
        hint={
          <ul className="hint-list">
            {RANKING_SCOPES.map((s) => (
              <li key={s}>
                <strong>{t(`scope.${s}`)}</strong>: {t(`setup.field.rankingScopeHint.${s}`)}
              </li>
            ))}
          </ul>
        }
        errors={errors.rankingScope}
      />
    </>
  );
}
