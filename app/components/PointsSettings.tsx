import { Form } from "@remix-run/react";
import { useState } from "react";
import { POINTS_DISPLAYS, type PointsDisplay } from "../../db/schema";
import { useT } from "~/i18n/useT";
import { useHydrated } from "~/lib/use-hydrated";
import { ErrorList, Field } from "./Field";

/**
 * The settings page's "points" form: how totals are announced beside the 0–100 score. Radio
 * choices with a hint each; the factor only matters for `weighted` (shown always without
 * JavaScript, hidden for the other choices with it).
 */
export function PointsSettings({
  values,
  errors,
  saved,
}: {
  values: Partial<Record<string, string>>;
  errors: Partial<Record<string, string[]>>;
  saved: boolean;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const [display, setDisplay] = useState<string>(values.pointsDisplay ?? "none");
  return (
    <>
      <h2 id="points">{t("setup.points.title")}</h2>
      <p>{t("setup.points.intro")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("setup.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack narrow-wide" noValidate aria-labelledby="points">
        <input type="hidden" name="intent" value="points" />
        <ErrorList errors={errors._form} />
        <fieldset aria-describedby={errors.pointsDisplay?.length ? "points-error" : undefined}>
          <legend>{t("setup.points.display")}</legend>
          {POINTS_DISPLAYS.map((option: PointsDisplay) => (
            <div className="field check" key={option}>
              <label>
                <input
                  type="radio"
                  name="pointsDisplay"
                  value={option}
                  defaultChecked={(values.pointsDisplay ?? "none") === option}
                  onChange={() => setDisplay(option)}
                  aria-describedby={`points-${option}-hint`}
                />{" "}
                {t(`setup.points.option.${option}`)}
              </label>
              <p className="hint" id={`points-${option}-hint`}>
                {t(`setup.points.hint.${option}`)}
              </p>
            </div>
          ))}
          <ErrorList id="points-error" errors={errors.pointsDisplay} />
        </fieldset>
        <div hidden={hydrated && display !== "weighted" && !errors.pointsFactor?.length}>
          <Field
            label={t("setup.points.factor")}
            hint={t("setup.points.factorHint")}
            name="pointsFactor"
            inputMode="numeric"
            defaultValue={values.pointsFactor ?? "10"}
            errors={errors.pointsFactor}
          />
        </div>
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>
    </>
  );
}
