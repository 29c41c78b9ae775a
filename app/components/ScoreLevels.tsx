import { useState, type ReactNode } from "react";
import { useT } from "~/i18n/useT";
import { levelOf, offLevelValue, type ScoreLevel } from "~/lib/sheet";
import type { SheetIndicator } from "~/lib/sheet-contract";

/**
 * An indicator's score as a choice of levels, the way a judge ticks one on paper: native radios
 * (arrow keys move and choose, Tab leaves the group), each a card with the score and what the
 * rubric says of it. They post the same `score.<code>` field and value as the number box, so the
 * form without JavaScript and the autosave read them alike. "Not scored yet" is a choice too (a
 * draft may leave a score empty, and a judge may take a tick back). A value none of the levels
 * stands for is shown as a choice of its own, chosen, and kept while the page is open, so it is
 * posted back as it was until the judge picks a level: never hidden, never dropped.
 */
export function ScoreLevels({
  indicator,
  levels,
  name,
  value,
  inputId,
  editable,
  onChange,
  errorId,
  errors,
}: {
  indicator: SheetIndicator;
  levels: ScoreLevel[];
  name: string;
  value: string;
  /** the id of the chosen radio: the target of the error summary's focus */
  inputId: string;
  editable: boolean;
  onChange: (name: string, value: string) => void;
  /** the id of the errors below, when there are some */
  errorId: string | null;
  errors: ReactNode;
}) {
  const t = useT();
  const off = offLevelValue(levels, value);
  const [kept, setKept] = useState(off);
  if (off !== null && off !== kept) setKept(off);
  const chosen = levelOf(levels, value);
  const legendId = `${inputId}-legend`;
  const descriptionId = `${inputId}-description`;

  const choices: { value: string; score: string; text: string; checked: boolean; kind: string }[] =
    [
      {
        value: "",
        score: "–",
        text: t("scoring.sheet.notScored"),
        checked: value.trim() === "",
        kind: "none",
      },
      ...levels.map((level) => ({
        value: String(level.score),
        score: String(level.score),
        text: level.text,
        checked: chosen === level.score,
        kind: "level",
      })),
      ...(kept === null
        ? []
        : [
            {
              value: kept,
              score: kept,
              text: t("scoring.sheet.offLevel"),
              checked: off === kept,
              kind: "off",
            },
          ]),
    ];

  return (
    <fieldset
      className="score-levels"
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={
        [indicator.description ? descriptionId : null, errorId].filter(Boolean).join(" ") ||
        undefined
      }
      aria-invalid={errorId ? true : undefined}
    >
      <legend id={legendId}>
        <strong>
          {indicator.code} · {indicator.name}
        </strong>
        <span className="score-label">
          {t("scoring.sheet.score", {
            code: indicator.code,
            min: indicator.min,
            max: indicator.max,
          })}
        </span>
      </legend>
      {indicator.description ? (
        <p id={descriptionId} className="score-levels-description">
          {indicator.description}
        </p>
      ) : null}
      <div className="level-cards">
        {choices.map((choice) => (
          <label
            key={`${choice.kind}:${choice.value}`}
            className={`level-card level-${choice.kind}`}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              id={choice.checked ? inputId : undefined}
              checked={choice.checked}
              disabled={!editable}
              onChange={() => onChange(name, choice.value)}
            />
            <span className="level-score">{choice.score}</span>
            {choice.text ? <span className="level-text">{choice.text}</span> : null}
          </label>
        ))}
      </div>
      {errors}
    </fieldset>
  );
}
