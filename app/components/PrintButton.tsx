import { useHydrated } from "~/lib/use-hydrated";

/**
 * Opens the browser's print dialog. It needs JavaScript, so it appears once the page is
 * hydrated; without it the printing hint beside it still says what to do.
 */
export function PrintButton({ label }: { label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button primary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
