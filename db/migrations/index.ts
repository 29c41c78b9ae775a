import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_setup";
import * as m0003 from "./0003_scoring";
import * as m0004 from "./0004_ranking";
import * as m0005 from "./0005_audit_chain";
import * as m0006 from "./0006_sheet_points";
import * as m0007 from "./0007_set_aside_sheets";
import * as m0008 from "./0008_issued_passwords";
import * as m0009 from "./0009_document_details";
import * as m0010 from "./0010_stages";
import * as m0011 from "./0011_coaching_notes_and_points";
import * as m0012 from "./0012_finalists_published";
import * as m0013 from "./0013_library_accounts";
import * as m0014 from "./0014_stage_own_scores";
import * as m0015 from "./0015_self_assessment";
import * as m0016 from "./0016_bulk_scores";
import * as m0017 from "./0017_ranking_inputs";
import * as m0018 from "./0018_kept_component_scores";
import * as m0019 from "./0019_points_before_cascades";

/**
 * Every migration, by name, in order. A static list rather than a folder scan so the same
 * migrations run from the bundled server, the CLI and the tests.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_setup": m0002,
  "0003_scoring": m0003,
  "0004_ranking": m0004,
  "0005_audit_chain": m0005,
  "0006_sheet_points": m0006,
  "0007_set_aside_sheets": m0007,
  "0008_issued_passwords": m0008,
  "0009_document_details": m0009,
  "0010_stages": m0010,
  "0011_coaching_notes_and_points": m0011,
  "0012_finalists_published": m0012,
  "0013_library_accounts": m0013,
  "0014_stage_own_scores": m0014,
  "0015_self_assessment": m0015,
  "0016_bulk_scores": m0016,
  "0017_ranking_inputs": m0017,
  "0018_kept_component_scores": m0018,
  "0019_points_before_cascades": m0019,
};
