import { sql } from "kysely";
import { createSqliteDb } from "../db/connection";
import { useDatabase } from "../app/lib/db.server";
import { computeRanking, rankingSubject } from "../app/models/ranking.server";
import type { Aggregation } from "../db/schema";
import { RAW_SCAN } from "./support/ranking-data";

const file = process.argv[2]!;
const { db, sqlite } = createSqliteDb(`file:${file}`);
useDatabase(db);
function cpu(f: () => unknown) { const a = process.cpuUsage(); const r = f(); return r; }
async function cpuOf(f: () => Promise<unknown>) {
  let best = Infinity; let wall = Infinity;
  for (let i = 0; i < 9; i++) {
    const a = process.cpuUsage(); const t = performance.now();
    await f();
    const b = process.cpuUsage(a); const w = performance.now() - t;
    best = Math.min(best, (b.user + b.system) / 1000); wall = Math.min(wall, w);
  }
  return `${best.toFixed(0)} cpu ms, ${wall.toFixed(0)} wall ms`;
}
async function main() {
  const cid = Number(sqlite.prepare("select id from competitions order by id desc limit 1").pluck().get());
  if (process.env.BUILD === "1") {
    sqlite.exec(`drop table if exists entry_stage_series; drop table if exists entry_component_series;
    create table entry_stage_series (entry_id integer not null, stage_id integer not null, unit integer not null, n integer not null, s integer not null, hi integer, lo integer, mid2 integer, primary key (entry_id, stage_id)) without rowid;
    create table entry_component_series (entry_id integer not null, component_id integer not null, n integer not null, s integer not null, hi integer, lo integer, mid2 integer, primary key (entry_id, component_id)) without rowid;`);
    const t = performance.now();
    await sql`with recursive comp as (select c.id as component_id, c.weight, c.stage_id, (select sum(max_score) from indicators i where i.component_id = c.id) as summax from components c where c.competition_id = ${cid}),
      d as (select 360 as d),
      factors as (select component_id, stage_id, weight * (d.d / summax) as f from comp cross join d),
      jt as (select e.id as entry_id, p.sheet_id, max(fa.stage_id) as stage_id, sum(p.points * fa.f) as t from entries e join sheet_points p on p.entry_id = e.id and p.submitted = 1 cross join factors fa where e.competition_id = ${cid} and fa.component_id = p.component_id group by e.id, p.sheet_id)
      insert into entry_stage_series select entry_id, stage_id, (select d from d), count(*), sum(t), max(t), min(t), cast(2 * median(t) as integer) from jt group by entry_id, stage_id`.execute(db);
    await sql`insert into entry_component_series select e.id, p.component_id, count(*), sum(p.points), max(p.points), min(p.points), cast(2*median(p.points) as integer) from entries e join sheet_points p on p.entry_id = e.id and p.submitted = 1 where e.competition_id = ${cid} group by e.id, p.component_id`.execute(db);
    console.log("built in", (performance.now() - t).toFixed(0), "ms");
  }
  const subject = (await rankingSubject(cid, db))!;
  console.log("scan", await cpuOf(() => RAW_SCAN.execute(db)));
  for (const m of ["mean", "trimmed-mean", "median"] as Aggregation[]) {
    const r = await computeRanking(subject, { method: m });
    console.log(m, await cpuOf(() => computeRanking(subject, { method: m })), r!.entries[0]!.finalX100, r!.entries[5]!.name, r!.entries[5]!.finalX100);
  }
}
main();
