import SqliteDatabase from "better-sqlite3";
import { HttpClient } from "./http";
import { FIXTURE_PASSWORD, type ScoringFixture } from "./scoring";

/**
 * Judges saving their sheets through the autosave endpoint in a loop, keeping track of what the
 * server acknowledged, so a test can check afterwards that nothing acknowledged was lost.
 * Judge i saves the sheet of entry i (the fixture's last judge is conflicted only with entry 0).
 */
export interface Ack {
  version: number;
  note: string;
}

export interface JudgeState {
  judgeId: number;
  email: string;
  code: string;
  client: HttpClient;
  /** the newest version the server acknowledged to this judge */
  version: number;
  n: number;
  acked: Ack[];
  /** every payload sent, by the version it would create: a crash may commit one unacknowledged */
  sent: Map<number, string[]>;
}

export class SaveLoad {
  judges: JudgeState[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  /** acknowledged versions the server later reported as missing (must stay empty) */
  lost: string[] = [];
  /** told of every answer (its HTTP status, or 0 when none came) and how long it took */
  onAnswer?: (status: number, ms: number) => void;

  constructor(
    private baseUrl: string,
    private fx: ScoringFixture,
    count: number,
  ) {
    for (let i = 0; i < count; i++) {
      const judge = fx.judges[i]!;
      this.judges.push({
        judgeId: judge.id,
        email: judge.email,
        code: fx.codes[i]!,
        client: new HttpClient(baseUrl),
        version: 0,
        n: 0,
        acked: [],
        sent: new Map(),
      });
    }
  }

  async login(): Promise<void> {
    await Promise.all(
      this.judges.map(async (j) => {
        const res = await j.client.login(j.email, FIXTURE_PASSWORD);
        if (res.status !== 302) throw new Error(`login ${j.email}: ${res.status}`);
      }),
    );
  }

  get ackedCount(): number {
    return this.judges.reduce((n, j) => n + j.acked.length, 0);
  }

  start(): void {
    this.running = true;
    this.loops = this.judges.map((j, i) => this.loop(j, i));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(judge: JudgeState, index: number): Promise<void> {
    while (this.running) {
      judge.n += 1;
      const note = `juri${index}-simpan${judge.n}`;
      const version = judge.version;
      const list = judge.sent.get(version + 1) ?? [];
      list.push(note);
      judge.sent.set(version + 1, list);
      let status: number;
      let body: { version?: number; current?: { version: number } } = {};
      const started = performance.now();
      try {
        const res = await judge.client.post(`/api/sheets/${this.fx.slug}/${judge.code}`, {
          "score.A1": String(1 + (judge.n % 5)),
          "score.A2": String(judge.n % 11),
          "note.A1": note,
          intent: "save",
          version: String(version),
          key: `crash-${index}-${judge.n}-${version}`,
        });
        status = res.status;
        if (status === 200 || status === 409) body = (await res.json()) as typeof body;
        else await res.body?.cancel();
      } catch {
        // the server is down, or went down before the whole answer arrived: not acknowledged
        this.onAnswer?.(0, performance.now() - started);
        await new Promise((r) => setTimeout(r, 30));
        continue;
      }
      this.onAnswer?.(status, performance.now() - started);
      if (status === 200 && typeof body.version === "number") {
        judge.version = body.version;
        judge.acked.push({ version: body.version, note });
      } else if (status === 409) {
        const current = body.current?.version ?? -1;
        // a commit whose answer was lost in the crash moves the version on; it never goes back
        if (current < judge.version)
          this.lost.push(`${judge.email}: server at v${current}, acknowledged v${judge.version}`);
        judge.version = Math.max(current, judge.version);
      } else {
        await new Promise((r) => setTimeout(r, 30));
      }
    }
  }
}

/**
 * Checks a database file against what the judges were told: every sheet is at least at its last
 * acknowledged version, holds exactly the acknowledged content at that version, and anything
 * newer is a payload that was really sent. Returns the problems (none expected).
 */
export function verifyAcknowledged(
  file: string,
  load: SaveLoad,
  options: { ackedBefore?: Map<number, number> } = {},
): { problems: string[]; checked: number; integrity: string } {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const problems: string[] = [];
    let checked = 0;
    const read = db.prepare(
      `select s.version, sc.note from score_sheets s
       join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id
       join indicators i on i.competition_id = e.competition_id and i.code = 'A1'
       left join scores sc on sc.sheet_id = s.id and sc.indicator_id = i.id
       where s.judge_id = ? and l.code = ?`,
    );
    for (const judge of load.judges) {
      const row = read.get(judge.judgeId, judge.code) as
        { version: number; note: string | null } | undefined;
      const limit = options.ackedBefore?.get(judge.judgeId);
      const acked = limit === undefined ? judge.acked : judge.acked.slice(0, limit);
      if (acked.length === 0) continue;
      checked += acked.length;
      const last = acked[acked.length - 1]!;
      if (!row) {
        problems.push(`${judge.email}: no sheet, acknowledged v${last.version}`);
        continue;
      }
      if (row.version < last.version)
        problems.push(`${judge.email}: sheet at v${row.version}, acknowledged v${last.version}`);
      const same = acked.find((a) => a.version === row.version);
      if (same && same.note !== row.note)
        problems.push(
          `${judge.email}: v${row.version} holds ${row.note}, acknowledged ${same.note}`,
        );
      if (!(judge.sent.get(row.version) ?? []).includes(row.note ?? ""))
        problems.push(`${judge.email}: v${row.version} holds ${row.note}, never sent`);
    }
    return { problems, checked, integrity };
  } finally {
    db.close();
  }
}
