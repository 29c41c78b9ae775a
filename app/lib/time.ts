/** Timestamps are ISO-8601 UTC text everywhere (portable; SQLite cannot bind a Date). */
export function nowIso(): string {
  return new Date().toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
