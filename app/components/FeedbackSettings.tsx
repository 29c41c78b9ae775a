import { Form } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { ErrorList } from "./Field";

/**
 * The settings page's "feedback to the library" form: whether the library's feedback page names
 * the judges beside their coaching notes (off unless the chair allows it).
 */
export function FeedbackSettings({
  namesJudges,
  errors,
  saved,
}: {
  namesJudges: boolean;
  errors: Partial<Record<string, string[]>>;
  saved: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2 id="feedback-setting">{t("library.feedback.setting.title")}</h2>
      <p>{t("library.feedback.setting.intro")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("setup.saved")}
        </p>
      ) : null}
      <Form
        method="post"
        className="stack narrow-wide"
        noValidate
        aria-labelledby="feedback-setting"
      >
        <input type="hidden" name="intent" value="feedback" />
        <ErrorList errors={[...(errors._form ?? []), ...(errors.namesJudges ?? [])]} />
        <div className="field check">
          <label>
            <input
              type="checkbox"
              name="namesJudges"
              defaultChecked={namesJudges}
              aria-describedby="feedback-names-hint"
            />{" "}
            {t("library.feedback.setting.namesJudges")}
          </label>
          <p className="hint" id="feedback-names-hint">
            {t("library.feedback.setting.namesJudgesHint")}
          </p>
        </div>
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>
    </>
  );
}
