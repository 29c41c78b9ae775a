import type { MouseEvent } from "react";
import { fieldId } from "~/components/ScoreSheet";
import { useT } from "~/i18n/useT";
import type { SheetComponent, SheetErrors } from "~/lib/sheet-contract";

/** The fields of the sheet (in its order) that carry an error; `_form` and the envelope are not fields. */
export function problemFields(criteria: readonly SheetComponent[], errors: SheetErrors): string[] {
  const order = [
    ...criteria.flatMap((c) => c.indicators.flatMap((i) => [`score.${i.code}`, `note.${i.code}`])),
    "comment",
  ];
  return order.filter((name) => errors[name]?.length);
}

/** Every problem is a score still needed for submitting (the draft itself is fine). */
export function onlyRequired(errors: SheetErrors, fields: string[]): boolean {
  return fields.every((name) => errors[name]!.every((e) => e === "scoring.error.required"));
}

/**
 * The fields to fix, each a link that moves focus to its field (the message stays next to the
 * field). Shown beside the footer's status, which says the same in one line.
 */
export function SheetProblems({
  criteria,
  errors,
}: {
  criteria: SheetComponent[];
  errors: SheetErrors;
}) {
  const t = useT();
  const fields = problemFields(criteria, errors);
  if (fields.length === 0) return null;
  const names = new Map(
    criteria.flatMap((c) => c.indicators.map((i) => [i.code, `${i.code} · ${i.name}`] as const)),
  );
  const label = (name: string) => {
    if (name === "comment") return t("scoring.sheet.comment");
    const [kind, code = ""] = name.split(/\.(.*)/s);
    return kind === "note" ? t("scoring.sheet.note", { code }) : (names.get(code) ?? code);
  };
  const focus = (name: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(fieldId(name));
    if (!field) return;
    event.preventDefault();
    field.focus();
  };
  return (
    <section id="sheet-problems" className="sheet-problems" aria-labelledby="sheet-problems-title">
      <h2 id="sheet-problems-title">{t("scoring.problems.title", { count: fields.length })}</h2>
      <ul>
        {fields.map((name) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`} onClick={focus(name)}>
              {label(name)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
