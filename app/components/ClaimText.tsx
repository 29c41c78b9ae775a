import { useT } from "~/i18n/useT";
import { formatDecimal, type FormClaim } from "~/lib/self-assessment";

/**
 * A reported value and the standard's minimum as people read them, on the library's form and the
 * chair's view of it.
 */

/** "standar: ≥ 1.000 judul", "standar: ya", or nothing. */
export function useStandardText() {
  const t = useT();
  return (claim: Pick<FormClaim, "kind" | "unit" | "standardMin">): string | null => {
    if (claim.standardMin === null) return null;
    if (claim.kind === "number")
      return t("library.selfAssessment.standardMin", {
        value: formatDecimal(claim.standardMin),
        unit: claim.unit,
      }).trim();
    if (claim.kind === "yesno") return t("library.selfAssessment.standardYes");
    return null;
  };
}

/** A stored value as the library reads it. */
export function useValueText() {
  const t = useT();
  return (claim: Pick<FormClaim, "kind" | "unit">, value: string | undefined): string => {
    if (value === undefined || value === "") return "—";
    if (claim.kind === "number") return `${formatDecimal(value)} ${claim.unit}`.trim();
    if (claim.kind === "yesno")
      return t(value === "yes" ? "library.selfAssessment.yes" : "library.selfAssessment.no");
    return value;
  };
}
