/**
 * Judges saving drafts through the real server, as the sheet's autosave does: logged in with the
 * fixture's password, each on a sheet of its own, each save carrying the version it last saw and
 * a one-time key.
 */
import { HttpClient } from "../../tests/support/http";
import { FIXTURE_PASSWORD, type ScoringFixture } from "../../tests/support/scoring";

export interface BenchJudge {
  client: HttpClient;
  code: string;
  version: number;
  n: number;
}

/**
 * Logs in the fixture's judges, judge i through `urls[i % urls.length]` (one app process or
 * several). Judge i scores the entry i (modulo the entries); the fixture's last judge is in
 * conflict with the first library, so it scores the second.
 */
export async function logInJudges(fx: ScoringFixture, urls: string[]): Promise<BenchJudge[]> {
  return Promise.all(
    fx.judges.map(async (j, i) => {
      const client = new HttpClient(urls[i % urls.length]!);
      const res = await client.login(j.email, FIXTURE_PASSWORD);
      if (res.status !== 302) throw new Error(`login of ${j.email} answered ${res.status}`);
      const code = fx.codes[i === fx.judges.length - 1 ? 1 : i % fx.codes.length]!;
      return { client, code, version: 0, n: 0 };
    }),
  );
}

/** Sends judge i's requests to `urls[i % urls.length]` from now on (sessions live in the database). */
export function spreadJudges(judges: BenchJudge[], urls: string[]): void {
  for (const [i, judge] of judges.entries()) judge.client.baseUrl = urls[i % urls.length]!;
}

/**
 * One draft save of judge i, as the autosave posts it: true when the server took it (200).
 * `onAnswer`, when given, sees each answer's Server-Timing header (null when the server sends none).
 */
export function draftSaver(
  fx: ScoringFixture,
  judges: BenchJudge[],
  onAnswer?: (serverTiming: string | null) => void,
) {
  return async (i: number): Promise<boolean> => {
    const judge = judges[i]!;
    judge.n += 1;
    const res = await judge.client.post(`/api/sheets/${fx.slug}/${judge.code}`, {
      "score.A1": String(1 + (judge.n % 5)),
      "score.A2": String(judge.n % 11),
      "score.B1": "",
      "note.A1": `catatan ke-${judge.n}`,
      comment: "draf",
      intent: "save",
      version: String(judge.version),
      key: `bench-${i}-${judge.n}-${Date.now()}`,
    });
    onAnswer?.(res.headers.get("Server-Timing"));
    if (res.status !== 200) {
      await res.body?.cancel();
      return false;
    }
    const body = (await res.json()) as { version: number };
    judge.version = body.version;
    return true;
  };
}
