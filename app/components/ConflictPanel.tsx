import { useEffect, useRef, useState } from "react";
import { useLang, useT } from "~/i18n/useT";
import { formatTime } from "~/lib/format";
import { sameValues, valuesOfSheet } from "~/lib/sheet";
import type { SheetComponent, SheetValues } from "~/lib/sheet-contract";
import type { SheetConflict } from "~/lib/use-sheet-autosave";

type Side = "mine" | "server";

/** The fields where this device's values and the server's differ, in the sheet's order. */
function differing(criteria: SheetComponent[], mine: SheetValues, theirs: SheetValues): string[] {
  return [
    ...criteria.flatMap((c) => c.indicators.flatMap((i) => [`score.${i.code}`, `note.${i.code}`])),
    "comment",
  ].filter((name) => !sameValues({ [name]: mine[name] ?? "" }, { [name]: theirs[name] ?? "" }));
}

/**
 * Another device (or this one, earlier) saved a newer version: the differences, and a choice per
 * field (this device's value or the server's) or for all of them at once. The panel sits above the
 * sheet, so when it appears it scrolls into view and takes focus on its heading.
 */
export function ConflictPanel({
  conflict,
  mine,
  criteria,
  hydrated,
  onKeepMine,
  onUseServer,
  reloadTo,
}: {
  conflict: SheetConflict;
  mine: SheetValues;
  criteria: SheetComponent[];
  hydrated: boolean;
  /** save on top of the server's version: this device's values, or `chosen`, a mix */
  onKeepMine: (chosen?: SheetValues) => void;
  onUseServer: () => void;
  reloadTo: string;
}) {
  const t = useT();
  const lang = useLang();
  const heading = useRef<HTMLHeadingElement>(null);
  const [picks, setPicks] = useState<Record<string, Side>>({});
  const theirs = valuesOfSheet(conflict.current);
  const fields = differing(criteria, mine, theirs);
  const submitted = conflict.current.status === "submitted";
  const choosing = hydrated && !submitted;
  const version = conflict.current.version;

  useEffect(() => {
    const el = heading.current;
    if (!el) return;
    (el.closest("section") ?? el).scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
    setPicks({});
  }, [version]);

  const label = (name: string) =>
    name === "comment"
      ? t("scoring.sheet.comment")
      : name
          .replace(/^score\./, "")
          .replace(/^note\.(.*)$/, (_, c: string) => t("scoring.sheet.note", { code: c }));
  const shown = (value: string | undefined) => value?.trim() || t("scoring.conflict.empty");

  function saveChoice() {
    const chosen = { ...mine };
    for (const name of fields) if (picks[name] === "server") chosen[name] = theirs[name] ?? "";
    onKeepMine(chosen);
  }

  function cell(name: string, side: Side, value: string | undefined) {
    if (!choosing) return <td>{shown(value)}</td>;
    return (
      <td>
        <label className="conflict-pick">
          <input
            type="radio"
            name={`conflict-${name}`}
            value={side}
            checked={(picks[name] ?? "mine") === side}
            onChange={() => setPicks((p) => ({ ...p, [name]: side }))}
          />{" "}
          <span className="visually-hidden">
            {t(side === "mine" ? "scoring.conflict.pickMine" : "scoring.conflict.pickServer", {
              field: label(name),
            })}
            :{" "}
          </span>
          {shown(value)}
        </label>
      </td>
    );
  }

  return (
    <section className="conflict panel" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title" ref={heading} tabIndex={-1}>
        {t("scoring.conflict.title")}
      </h2>
      <p>
        {conflict.fromDevice
          ? t("scoring.conflict.device")
          : t("scoring.conflict.body", {
              time: conflict.current.updatedAt ? formatTime(conflict.current.updatedAt, lang) : "—",
            })}
      </p>
      {submitted ? <p>{t("scoring.conflict.submittedElsewhere")}</p> : null}
      {choosing ? <p>{t("scoring.conflict.perField")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("scoring.conflict.field")}</th>
              <th scope="col">{t("scoring.conflict.yours")}</th>
              <th scope="col">{t("scoring.conflict.server")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((name) => (
              <tr key={name}>
                <th scope="row">{label(name)}</th>
                {cell(name, "mine", mine[name])}
                {cell(name, "server", theirs[name])}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <p className="sheet-buttons">
          {choosing ? (
            <>
              <button type="button" className="button primary" onClick={saveChoice}>
                {t("scoring.conflict.saveChoice")}
              </button>{" "}
              <button type="button" className="button" onClick={() => onKeepMine()}>
                {t("scoring.conflict.keepMine")}
              </button>{" "}
            </>
          ) : null}
          <button type="button" className="button" onClick={onUseServer}>
            {submitted ? t("scoring.conflict.discard") : t("scoring.conflict.useServer")}
          </button>
        </p>
      ) : (
        <p>
          {!submitted ? t("scoring.conflict.noJs") : null}{" "}
          <a href={reloadTo}>{t("scoring.conflict.reload")}</a>
        </p>
      )}
    </section>
  );
}
