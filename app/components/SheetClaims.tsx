import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { locale, type Lang } from "~/i18n";
import {
  formatClaimNumber,
  parseClaimInput,
  typedNumber,
  type ClaimCheck,
  type ClaimsOutcome,
} from "~/lib/claim-values";
import { formatTime } from "~/lib/format";
import { useHydrated } from "~/lib/use-hydrated";
import { ErrorList } from "./Field";

export const CLAIMS_FORM_ID = "claims-form";
const AUTOSAVE_MS = 1500;

/** A claim beside an indicator, as the sheet's loader sends it (app/models/claims.server.ts). */
export interface SheetClaimView {
  kind: "number" | "yesno" | "text";
  unit: string;
  standardMin: number | null;
  value: string | null;
  meets: boolean | null;
  evidence: {
    id: number;
    kind: "image" | "pdf" | "video";
    name: string;
    url: string | null;
    thumb: boolean;
  }[];
  check: ClaimCheck | null;
}

/**
 * The visit checks' own form, outside the score sheet's form (forms cannot nest): the fields sit
 * beside each indicator and name this form with the `form` attribute. Without JavaScript it posts
 * to the page (`?claims`) and the page comes back.
 */
export function ClaimsForm({ action, checks }: { action: string; checks: ClaimChecksState }) {
  const hydrated = useHydrated();
  return (
    <form
      id={CLAIMS_FORM_ID}
      method="post"
      action={action}
      noValidate
      onSubmit={(e) => {
        // Enter in an observed value: saved in place, as the button does
        if (!hydrated) return;
        e.preventDefault();
        void checks.send();
      }}
    >
      <input type="hidden" name="intent" value="claims" />
    </form>
  );
}

/** What the judge typed, by field name (`check.<code>`, `observed.<code>`). */
type Typed = Record<string, string>;

/** The fields of the judge's saved checks. */
function typedOf(claims: Record<string, SheetClaimView>): Typed {
  const typed: Typed = {};
  for (const [code, claim] of Object.entries(claims)) {
    if (!claim.check) continue;
    typed[`check.${code}`] = claim.check.result;
    const observed = claim.check.observed;
    if (observed !== null)
      typed[`observed.${code}`] = claim.kind === "number" ? typedNumber(observed) : observed;
  }
  return typed;
}

/** What a claim's fields say: its result, and the observed value only for a correction. */
function meaningful(typed: Typed, code: string) {
  const result = typed[`check.${code}`] ?? "";
  return { result, observed: result === "corrected" ? (typed[`observed.${code}`] ?? "") : "" };
}

/** The checks the browser finds wrong before sending (the server checks the same again). */
function checkTyped(claims: Record<string, SheetClaimView>, typed: Typed) {
  const errors: Record<string, string[]> = {};
  for (const [code, claim] of Object.entries(claims)) {
    const result = typed[`check.${code}`];
    const observed = typed[`observed.${code}`] ?? "";
    if (!result) {
      if (observed.trim() !== "") errors[`check.${code}`] = ["scoring.claims.error.chooseResult"];
      continue;
    }
    if (result !== "corrected") continue;
    const parsed = parseClaimInput(claim.kind, observed);
    if (parsed.error) errors[`observed.${code}`] = [parsed.error];
  }
  return errors;
}

export type ClaimsSaveStatus = "idle" | "dirty" | "saving" | "saved" | "failed" | "refused";

/**
 * The visit checks with JavaScript: what the judge types stays in the fields until the server
 * has it; a check is sent when a result is chosen, a moment after the observed value is typed,
 * and on the button. A failed request keeps everything and tries again when the connection
 * returns; leaving the page with unsaved checks asks first.
 */
export function useClaimChecks({
  endpoint,
  claims,
  echoed,
  serverErrors,
}: {
  endpoint: string;
  claims: Record<string, SheetClaimView>;
  /** the fields as posted, when the page comes back from a refused plain form */
  echoed?: Typed;
  serverErrors?: Record<string, string[]>;
}) {
  const [typed, setTyped] = useState<Typed>(() => ({ ...typedOf(claims), ...(echoed ?? {}) }));
  const [saved, setSaved] = useState<Typed>(() => typedOf(claims));
  const [errors, setErrors] = useState<Record<string, string[]>>(serverErrors ?? {});
  const [status, setStatus] = useState<ClaimsSaveStatus>(echoed ? "dirty" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // the claim the judge touched last: its box carries the status line
  const [last, setLast] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(typed);
  latest.current = typed;
  const sending = useRef(false);
  const again = useRef(false);

  const dirty = Object.keys(claims).some((code) => {
    const [mine, server] = [meaningful(typed, code), meaningful(saved, code)];
    return mine.result !== server.result || mine.observed !== server.observed;
  });

  const send = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    if (sending.current) {
      again.current = true;
      return;
    }
    const now = latest.current;
    const local = checkTyped(claims, now);
    setErrors(local);
    const body = new URLSearchParams({ intent: "claims" });
    for (const code of Object.keys(claims)) {
      const result = now[`check.${code}`];
      // a check with an error stays on the page until corrected; the others are sent
      if (!result || local[`check.${code}`] || local[`observed.${code}`]) continue;
      body.set(`check.${code}`, result);
      if (result === "corrected") body.set(`observed.${code}`, now[`observed.${code}`] ?? "");
    }
    if ([...body.keys()].length === 1) {
      setStatus(Object.keys(local).length > 0 ? "refused" : "idle");
      return;
    }
    sending.current = true;
    setStatus("saving");
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const outcome = (await res.json()) as ClaimsOutcome;
      if (outcome.status === "saved") {
        // what was sent is saved; anything typed since stays dirty
        setSaved((prev) => {
          const merged = { ...prev };
          for (const [k, v] of body) if (k !== "intent") merged[k] = v;
          return merged;
        });
        setSavedAt(outcome.savedAt);
        setStatus(Object.keys(local).length > 0 ? "refused" : "saved");
      } else if (outcome.status === "invalid") {
        setErrors({ ...local, ...outcome.errors });
        setStatus("refused");
      } else {
        setErrors({ ...local, _form: [`scoring.claims.error.${outcome.status}`] });
        setStatus("refused");
      }
    } catch {
      setStatus("failed");
    } finally {
      sending.current = false;
      if (again.current) {
        again.current = false;
        void send();
      }
    }
  }, [claims, endpoint]);

  useEffect(() => {
    if (status !== "failed") return;
    const retry = () => void send();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [status, send]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function change(name: string, value: string, delay: number) {
    setLast(name.slice(name.indexOf(".") + 1));
    latest.current = { ...latest.current, [name]: value };
    setTyped(latest.current);
    setStatus("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(), delay);
  }

  return {
    typed,
    errors,
    status: status === "saved" && dirty ? ("dirty" as const) : status,
    savedAt,
    dirty,
    /** a result chosen: sent at once */
    choose: (name: string, value: string) => change(name, value, 0),
    /** an observed value typed: sent a moment after typing stops */
    type: (name: string, value: string) => change(name, value, AUTOSAVE_MS),
    last,
    send,
    /** the button of a claim: send now */
    sendFrom: (code: string) => {
      setLast(code);
      void send();
    },
  };
}

export type ClaimChecksState = ReturnType<typeof useClaimChecks>;

/** A stored value as the reader reads it: a number in their language, yes/no in words. */
export function useShowValue() {
  const t = useT();
  const lang = useLang();
  return (claim: Pick<SheetClaimView, "kind" | "unit">, value: string) => {
    if (claim.kind === "number")
      return `${formatClaimNumber(value, locale(lang))}${claim.unit ? ` ${claim.unit}` : ""}`;
    if (claim.kind === "yesno")
      return value === "yes" ? t("scoring.claims.yes") : t("scoring.claims.no");
    return value;
  };
}

/** An http(s) link may be a link; anything else is shown as text only. */
const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * Beside an indicator: the value the library reported with its unit, the standard's minimum and
 * whether it meets it, the evidence (thumbnails opening the full file, PDF and video links); on a
 * visit stage, the judge's check of the value.
 */
export function SheetClaimBox({
  code,
  claim,
  submitted,
  checkable,
  checks,
}: {
  code: string;
  claim: SheetClaimView;
  submitted: boolean;
  checkable: boolean;
  /** the visit checks' state (null: not a visit stage) */
  checks: ClaimChecksState | null;
}) {
  const t = useT();
  const lang = useLang();
  const hydrated = useHydrated();
  const show = useShowValue();
  const id = `claim-${code.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  if (!submitted) {
    return (
      <div className="sheet-claim" id={id}>
        <p className="muted">{t("scoring.claims.notSubmitted")}</p>
      </div>
    );
  }
  const standard =
    claim.standardMin === null
      ? null
      : claim.kind === "number"
        ? t("scoring.claims.standard", {
            min: show(claim, String(claim.standardMin)),
          })
        : claim.kind === "yesno" && claim.standardMin >= 1
          ? t("scoring.claims.standardYes")
          : null;
  const checkName = `check.${code}`;
  const observedName = `observed.${code}`;
  const result = checks?.typed[checkName] ?? "";
  const errorsOf = (name: string) => checks?.errors[name];
  const observedId = `${id}-observed`;
  return (
    <div className="sheet-claim" id={id}>
      <p>
        <strong>{t("scoring.claims.heading")}:</strong>{" "}
        {claim.value === null ? (
          <span className="muted">{t("scoring.claims.noValue")}</span>
        ) : (
          <span data-testid={`reported-${code}`}>{show(claim, claim.value)}</span>
        )}
        {standard ? <span className="muted"> · {standard}</span> : null}
        {claim.meets !== null ? (
          <span className={claim.meets ? "badge claim-meets" : "badge claim-below"}>
            {" "}
            {claim.meets ? t("scoring.claims.meets") : t("scoring.claims.below")}
          </span>
        ) : null}
      </p>
      {claim.evidence.length > 0 ? (
        <ul className="claim-evidence" aria-label={t("scoring.claims.evidence", { code })}>
          {claim.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === "image" ? (
                <a href={`/files/${e.id}`}>
                  {e.thumb ? (
                    <img src={`/files/${e.id}/thumb`} alt={e.name} loading="lazy" />
                  ) : (
                    t("scoring.claims.photo", { name: e.name })
                  )}
                </a>
              ) : e.kind === "pdf" ? (
                <a href={`/files/${e.id}`}>{t("scoring.claims.pdf", { name: e.name })}</a>
              ) : e.url && isWebLink(e.url) ? (
                <a href={e.url} target="_blank" rel="noopener noreferrer">
                  {t("scoring.claims.video", { name: e.name || e.url })}
                </a>
              ) : (
                <span>{t("scoring.claims.video", { name: e.name || (e.url ?? "") })}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {checks && claim.value !== null && (checkable || claim.check) ? (
        <fieldset className="claim-check" disabled={!checkable}>
          <legend>{t("scoring.claims.check", { code })}</legend>
          <ErrorList id={`${id}-check-error`} errors={errorsOf(checkName)} />
          {(["verified", "corrected"] as const).map((r) => (
            <label key={r} className="claim-choice">
              <input
                type="radio"
                form={CLAIMS_FORM_ID}
                name={checkName}
                value={r}
                checked={result === r}
                onChange={() => checks.choose(checkName, r)}
              />{" "}
              {t(`scoring.claims.${r}` as MessageKey)}
            </label>
          ))}
          <div className="claim-observed">
            <label htmlFor={observedId}>{t("scoring.claims.observed")}</label>
            {claim.kind === "yesno" ? (
              <select
                id={observedId}
                form={CLAIMS_FORM_ID}
                name={observedName}
                value={checks.typed[observedName] ?? ""}
                onChange={(e) => {
                  checks.choose(observedName, e.currentTarget.value);
                  if (result !== "corrected") checks.choose(checkName, "corrected");
                }}
                aria-invalid={errorsOf(observedName)?.length ? true : undefined}
                aria-describedby={
                  errorsOf(observedName)?.length ? `${observedId}-error` : undefined
                }
              >
                <option value="">{t("scoring.claims.choose")}</option>
                <option value="yes">{t("scoring.claims.yes")}</option>
                <option value="no">{t("scoring.claims.no")}</option>
              </select>
            ) : (
              <input
                id={observedId}
                form={CLAIMS_FORM_ID}
                name={observedName}
                type="text"
                inputMode={claim.kind === "number" ? "decimal" : undefined}
                autoComplete="off"
                maxLength={claim.kind === "text" ? 500 : 40}
                value={checks.typed[observedName] ?? ""}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  if (result !== "corrected" && value.trim() !== "")
                    checks.choose(checkName, "corrected");
                  checks.type(observedName, value);
                }}
                aria-invalid={errorsOf(observedName)?.length ? true : undefined}
                aria-describedby={
                  [
                    claim.kind === "number" ? `${observedId}-hint` : null,
                    errorsOf(observedName)?.length ? `${observedId}-error` : null,
                  ]
                    .filter(Boolean)
                    .join(" ") || undefined
                }
              />
            )}
            {claim.kind === "number" ? (
              <span className="hint" id={`${observedId}-hint`}>
                {claim.unit ? `${claim.unit} · ` : null}
                {t("scoring.claims.numberHint")}
              </span>
            ) : null}
            <ErrorList id={`${observedId}-error`} errors={errorsOf(observedName)} />
          </div>
          {checkable ? (
            <p className="claim-save">
              <button
                type="submit"
                form={CLAIMS_FORM_ID}
                className="button small"
                onClick={(e) => {
                  if (!hydrated) return;
                  e.preventDefault();
                  checks.sendFrom(code);
                }}
              >
                {t("scoring.claims.save")}
              </button>{" "}
              {hydrated && checks.last === code ? (
                <ClaimsStatus checks={checks} lang={lang} />
              ) : null}
            </p>
          ) : null}
          {checks.last === code ? <ErrorList errors={errorsOf("_form")} /> : null}
        </fieldset>
      ) : null}
    </div>
  );
}

function ClaimsStatus({ checks, lang }: { checks: ClaimChecksState; lang: Lang }) {
  const t = useT();
  const text =
    checks.status === "saving"
      ? t("scoring.claims.saving")
      : checks.status === "failed"
        ? t("scoring.claims.failed")
        : checks.status === "refused"
          ? t("scoring.claims.refused")
          : checks.status === "dirty"
            ? t("scoring.claims.unsaved")
            : checks.status === "saved" && checks.savedAt
              ? t("scoring.claims.savedAt", { time: formatTime(checks.savedAt, lang) })
              : null;
  return (
    <span role="status" className="muted claim-status" data-claims-status={checks.status}>
      {text}
    </span>
  );
}
