import { useEffect, useRef, type MouseEvent, type ReactNode, type Ref } from "react";
import { fieldId } from "~/components/ScoreSheet";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { checkScore, liveTotals } from "~/lib/sheet";
import type { SheetComponent, SheetIndicator, SheetValues } from "~/lib/sheet-contract";

/** The indicators a submission still lacks a valid score for, in the sheet's order. */
export function unscoredIndicators(
  criteria: readonly SheetComponent[],
  values: SheetValues,
): SheetIndicator[] {
  return criteria
    .flatMap((c) => c.indicators)
    .filter((i) => checkScore(values[`score.${i.code}`], i, true).value === null);
}

/**
 * What a submission sends, before the judge confirms it: the total, each component's subtotal,
 * and the indicators not scored yet as links to their fields (a submission needs every one).
 * `onPick` moves focus to a field (with JavaScript); without it the links jump to the field.
 */
export function SubmitSummary({
  criteria,
  values,
  headingId,
  headingRef,
  onPick,
  children,
}: {
  criteria: SheetComponent[];
  values: SheetValues;
  headingId: string;
  headingRef?: Ref<HTMLHeadingElement>;
  onPick?: (name: string) => void;
  /** the confirm and cancel controls */
  children: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const totals = liveTotals(criteria, values);
  const unscored = unscoredIndicators(criteria, values);
  const pick = (name: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onPick) return;
    event.preventDefault();
    onPick(name);
  };
  return (
    <>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("scoring.review.title")}
      </h2>
      <p className="sheet-total">
        {t("scoring.sheet.total")}:{" "}
        <span data-testid="review-total">{formatScore(totals.totalX100, lang)}</span> / 100
      </p>
      <ul className="review-components">
        {criteria.map((c) => (
          <li key={c.code}>
            {t("scoring.review.component", {
              code: c.code,
              name: c.name,
              score: formatScore(totals.components[c.code] ?? 0, lang),
              weight: c.weight,
            })}
          </li>
        ))}
      </ul>
      {unscored.length > 0 ? (
        <>
          <p className="field-errors">{t("scoring.review.unscored", { count: unscored.length })}</p>
          <ul className="review-unscored">
            {unscored.map((i) => (
              <li key={i.code}>
                <a href={`#${fieldId(`score.${i.code}`)}`} onClick={pick(`score.${i.code}`)}>
                  {i.code} · {i.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {t("scoring.review.complete", { count: totals.indicators })}{" "}
          {t("scoring.sheet.submitHint")}
        </p>
      )}
      {children}
    </>
  );
}

/**
 * The review as a modal dialog (JavaScript on): focus moves to its heading, Escape or the back
 * button cancels, and focus then returns to the submit button; a link to an unscored indicator
 * closes it and focuses that field; the confirm button appears only for a complete sheet.
 */
export function SubmitReviewDialog({
  open,
  criteria,
  values,
  returnFocusTo,
  onConfirm,
  onClose,
}: {
  open: boolean;
  criteria: SheetComponent[];
  values: SheetValues;
  /** the id of the button that opened the review */
  returnFocusTo: string;
  onConfirm: () => void;
  /** the review closed without submitting; `name`: the field the judge went to */
  onClose: (name?: string) => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // set while the page itself closes the dialog, so that the close event means Escape
  const closing = useRef(false);
  const complete = open && unscoredIndicators(criteria, values).length === 0;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      heading.current?.focus();
    } else if (!open && el.open) {
      closing.current = true;
      el.close();
    }
  }, [open]);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const closed = () => {
      if (closing.current) {
        closing.current = false;
        return;
      }
      document.getElementById(returnFocusTo)?.focus();
      onClose();
    };
    el.addEventListener("close", closed);
    return () => el.removeEventListener("close", closed);
  }, [returnFocusTo, onClose]);

  function finish(focusId: string, then: () => void) {
    closing.current = true;
    dialog.current?.close();
    document.getElementById(focusId)?.focus();
    then();
  }

  return (
    <dialog ref={dialog} className="review-dialog" aria-labelledby="review-title">
      {open ? (
        <SubmitSummary
          criteria={criteria}
          values={values}
          headingId="review-title"
          headingRef={heading}
          onPick={(name) => finish(fieldId(name), () => onClose(name))}
        >
          <p className="sheet-buttons">
            {complete ? (
              <>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => finish(returnFocusTo, onConfirm)}
                >
                  {t("scoring.review.confirm")}
                </button>{" "}
              </>
            ) : null}
            <button
              type="button"
              className="button"
              onClick={() => finish(returnFocusTo, () => onClose())}
            >
              {t("scoring.review.cancel")}
            </button>
          </p>
        </SubmitSummary>
      ) : null}
    </dialog>
  );
}

/**
 * The review as the page's answer to a plain-form submission (JavaScript off): the summary, then
 * a form that posts the same fields again with `confirm=yes`; the sheet stays below, unchanged.
 */
export function SubmitConfirmForm({
  criteria,
  values,
  version,
  formKey,
}: {
  criteria: SheetComponent[];
  values: SheetValues;
  version: number;
  formKey: string;
}) {
  const t = useT();
  const fields = [
    ...criteria.flatMap((c) => c.indicators.flatMap((i) => [`score.${i.code}`, `note.${i.code}`])),
    "comment",
  ];
  const complete = unscoredIndicators(criteria, values).length === 0;
  return (
    <section className="panel review-page" aria-labelledby="review-title">
      <SubmitSummary criteria={criteria} values={values} headingId="review-title">
        <p>{t("scoring.review.notYet")}</p>
        <form method="post" className="sheet-buttons">
          {fields.map((name) => (
            <input key={name} type="hidden" name={name} value={values[name] ?? ""} />
          ))}
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="key" value={formKey} />
          <input type="hidden" name="confirm" value="yes" />
          {complete ? (
            <>
              <button type="submit" name="intent" value="submit" className="button primary">
                {t("scoring.review.confirm")}
              </button>{" "}
            </>
          ) : null}
          <a href="#sheet-form" className="button">
            {t("scoring.review.cancel")}
          </a>
        </form>
      </SubmitSummary>
    </section>
  );
}
