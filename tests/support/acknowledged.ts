import { sql } from "kysely";
import type { DB } from "../../db/connection";
import type { SaveLoad } from "./load";

/**
 * verifyAcknowledged (tests/support/load.ts) on any database the app runs on, through Kysely:
 * every sheet is at least at its last acknowledged version, holds exactly the acknowledged
 * content at that version, and anything newer is a payload that was really sent.
 */
export async function verifyAcknowledgedIn(
  db: DB,
  load: SaveLoad,
): Promise<{ problems: string[]; checked: number }> {
  const problems: string[] = [];
  let checked = 0;
  for (const judge of load.judges) {
    if (judge.acked.length === 0) continue;
    checked += judge.acked.length;
    const { rows } = await sql<{ version: number; note: string | null }>`
      select s.version, sc.note from score_sheets s
      join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id
      join indicators i on i.competition_id = e.competition_id and i.code = 'A1'
      left join scores sc on sc.sheet_id = s.id and sc.indicator_id = i.id
      where s.judge_id = ${judge.judgeId} and l.code = ${judge.code}`.execute(db);
    const row = rows[0];
    const last = judge.acked[judge.acked.length - 1]!;
    if (!row) {
      problems.push(`${judge.email}: no sheet, acknowledged v${last.version}`);
      continue;
    }
    if (row.version < last.version)
      problems.push(`${judge.email}: sheet at v${row.version}, acknowledged v${last.version}`);
    const same = judge.acked.find((a) => a.version === row.version);
    if (same && same.note !== row.note)
      problems.push(`${judge.email}: v${row.version} holds ${row.note}, acknowledged ${same.note}`);
    if (!(judge.sent.get(row.version) ?? []).includes(row.note ?? ""))
      problems.push(`${judge.email}: v${row.version} holds ${row.note}, never sent`);
  }
  return { problems, checked };
}
