/**
 * The typed shape of every table, as Kysely sees it. Portable to PostgreSQL by construction:
 * booleans are 0/1 integers, timestamps are ISO-8601 UTC text, JSON is stored as text and parsed
 * explicitly, ids come back through `.returning()`.
 */
import type { ColumnType, Generated, Kysely, Selectable } from "kysely";

/** ISO-8601 UTC timestamp text, e.g. 2026-11-25T03:00:00.000Z */
type Timestamp = string;
/** 0 or 1; mapped to boolean in models */
type Flag = 0 | 1;
/** text with a database default of '' */
type DefaultedText = ColumnType<string, string | undefined, string>;

export const COMPETITION_LEVELS = ["kabupaten", "kota", "provinsi", "nasional"] as const;
export const COMPETITION_STATUSES = ["draft", "scoring", "closed", "published"] as const;
export const AGGREGATIONS = ["mean", "median", "trimmed-mean"] as const;
export const RANKING_SCOPES = ["overall", "category"] as const;
export const LIBRARY_TYPES = ["desa", "kelurahan"] as const;
export const ENTRY_STATUSES = ["active", "withdrawn", "disqualified"] as const;
export const ROLES = ["admin", "chair", "judge", "library"] as const;
/** the roles of the competition's own people; `library` is a library's manager (0013) */
export const STAFF_ROLES = ["admin", "chair", "judge"] as const;
export const SHEET_STATUSES = ["draft", "submitted"] as const;
export const CONFLICT_STATUSES = ["confirmed", "dismissed"] as const;
export const STAGE_KINDS = ["admin", "desk", "visit", "presentation", "other"] as const;
export const SCORED_STAGE_KINDS = ["desk", "visit", "presentation", "other"] as const;
export const COMBINE_MODES = ["weighted", "last"] as const;
export const POINTS_DISPLAYS = ["none", "weighted", "sum"] as const;
/** what a library reports for an indicator (0015) */
export const CLAIM_KINDS = ["number", "yesno", "text"] as const;
export const SELF_ASSESSMENT_STATUSES = ["draft", "submitted"] as const;
export const PROFILE_STATUSES = ["none", "pending", "accepted", "rejected"] as const;
export const CLAIM_RESULTS = ["verified", "corrected"] as const;
export const EVIDENCE_KINDS = ["image", "pdf", "video"] as const;
export const EVIDENCE_SOURCES = ["library", "judge"] as const;

export type CompetitionLevel = (typeof COMPETITION_LEVELS)[number];
export type CompetitionStatus = (typeof COMPETITION_STATUSES)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type RankingScope = (typeof RANKING_SCOPES)[number];
export type LibraryType = (typeof LIBRARY_TYPES)[number];
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type SheetStatus = (typeof SHEET_STATUSES)[number];
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
export type StageKind = (typeof STAGE_KINDS)[number];
export type CombineMode = (typeof COMBINE_MODES)[number];
export type PointsDisplay = (typeof POINTS_DISPLAYS)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type SelfAssessmentStatus = (typeof SELF_ASSESSMENT_STATUSES)[number];
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];
export type ClaimResult = (typeof CLAIM_RESULTS)[number];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface CompetitionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  year: number;
  level: CompetitionLevel;
  region: string;
  status: ColumnType<CompetitionStatus, CompetitionStatus | undefined, CompetitionStatus>;
  aggregation: Aggregation;
  prize_winners: number;
  prize_honourable: number;
  ranking_scope: RankingScope;
  is_demo: ColumnType<Flag, Flag | undefined, Flag>;
  /** for the printed documents (migration 0009): ISO date or null, the rest "" until filled */
  decision_date: ColumnType<string | null, string | null | undefined, string | null>;
  decision_place: ColumnType<string, string | undefined, string>;
  document_number: ColumnType<string, string | undefined, string>;
  chair_signer_name: ColumnType<string, string | undefined, string>;
  chair_signer_title: ColumnType<string, string | undefined, string>;
  head_signer_name: ColumnType<string, string | undefined, string>;
  head_signer_title: ColumnType<string, string | undefined, string>;
  /** how stage scores make the final (0010): by stage weight, or the last stage alone */
  combine: ColumnType<CombineMode, CombineMode | undefined, CombineMode>;
  /** the position of the stage open for scoring (0010); after the last stage, the last one */
  current_stage: ColumnType<number, number | undefined, number>;
  /** totals shown as points beside the 0–100 score (0011; docs/scoring.md "Points") */
  points_display: ColumnType<PointsDisplay, PointsDisplay | undefined, PointsDisplay>;
  /** the factor of `weighted` points (0011): points = final × factor */
  points_factor: ColumnType<number, number | undefined, number>;
  /** the self-assessment window (0015): ISO timestamps, null: not open to libraries */
  self_assessment_opens: ColumnType<string | null, string | null | undefined, string | null>;
  self_assessment_closes: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: the library's feedback page names the judges beside their coaching notes (0015) */
  feedback_names_judges: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A stage of a competition (0010): an admin check or a scored stage with its own components,
 * assignments and sheets. Every competition has one at position 1 (a trigger adds it).
 */
export interface StageTable {
  id: Generated<number>;
  competition_id: number;
  position: number;
  code: string;
  name: string;
  kind: StageKind;
  /** percent of the combined score when combine = weighted; 0 for an admin stage */
  weight: ColumnType<number, number | undefined, number>;
  /** how many entries go on (ties at the cut go on too); null: all */
  advance: number | null;
  closed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** when the closed stage's shortlist was announced on the public finalists' page (0012); null: not */
  finalists_published_at: ColumnType<
    Timestamp | null,
    Timestamp | null | undefined,
    Timestamp | null
  >;
  /** 1: a desk stage that needs each entry's submitted self-assessment (0015) */
  requires_self_assessment: ColumnType<Flag, Flag | undefined, Flag>;
}

/** One item of an admin stage's checklist for one entry (0010); a failure carries its reason. */
export interface StageCheckTable {
  stage_id: number;
  entry_id: number;
  item: string;
  passed: Flag;
  reason: ColumnType<string, string | undefined, string>;
  checked_by: number | null;
  checked_at: Timestamp;
}

/** The shortlist as it stood when its stage closed (0010). */
export interface StageResultTable {
  stage_id: number;
  entry_id: number;
  /** C_s × 100 (docs/scoring.md, stages); null when unscored or failed */
  score_x100: number | null;
  rank: number | null;
  advanced: Flag;
}

export interface ComponentTable {
  id: Generated<number>;
  competition_id: number;
  /** its stage (0010); written without one, the competition's current stage (a trigger) */
  stage_id: ColumnType<number, number | undefined, number>;
  code: string;
  name: string;
  /** percent, integer 0–100; a competition's weights total 100 */
  weight: number;
  position: number;
}

export interface IndicatorTable {
  id: Generated<number>;
  competition_id: number;
  component_id: number;
  code: string;
  name: string;
  description: string;
  min_score: number;
  max_score: number;
  position: number;
}

/** The rubric: what each score level of an indicator means. */
export interface RubricLevelTable {
  indicator_id: number;
  level: number;
  description: string;
}

export interface LibraryTable {
  id: Generated<number>;
  code: string;
  name: string;
  type: LibraryType;
  village: DefaultedText;
  district: DefaultedText;
  address: DefaultedText;
  head_name: DefaultedText;
  contact: DefaultedText;
  npp: DefaultedText;
  /** from the library's accepted profile (0015) */
  opening_hours: DefaultedText;
  members: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EntryTable {
  id: Generated<number>;
  competition_id: number;
  library_id: number;
  category: LibraryType;
  status: ColumnType<EntryStatus, EntryStatus | undefined, EntryStatus>;
  status_reason: string | null;
  created_at: Timestamp;
  /**
   * how many changes to the entry's ranking inputs the triggers of migration 0017 have counted,
   * and at which of them `entry_stage_inputs` / `entry_component_inputs` were last written
   */
  inputs_changed: Generated<number>;
  inputs_counted: Generated<number>;
}

export interface UserTable {
  id: Generated<number>;
  /** stored lower-cased; a CHECK keeps it so, which makes the unique index case-insensitive */
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  must_change_password: ColumnType<Flag, Flag | undefined, Flag>;
  /** 1: the current password was set by a chair or an admin, not chosen by the user (0007) */
  password_issued: ColumnType<Flag, Flag | undefined, Flag>;
  district: DefaultedText;
  village: DefaultedText;
  institution: DefaultedText;
  /** the library a `library` account manages (0013); null for every other role (a CHECK) */
  library_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** 1: begun with a password a chair or an admin issued; stays set for the session (0007) */
  issued_password: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface LoginAttemptTable {
  /** lower-cased email + "|" + client IP: villages share carrier NAT addresses */
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface JudgeAssignmentTable {
  id: Generated<number>;
  /** its stage (0010); written without one, the competition's current stage (a trigger) */
  stage_id: ColumnType<number, number | undefined, number>;
  entry_id: number;
  judge_id: number;
  created_at: Timestamp;
}

/** The judging panel of a competition (0002_setup): the judges a chair may assign to its entries. */
export interface CompetitionJudgeTable {
  competition_id: number;
  judge_id: number;
  created_at: Timestamp;
}

export interface ConflictTable {
  id: Generated<number>;
  judge_id: number;
  library_id: number;
  status: ConflictStatus;
  reason: string;
  /** who made the current decision, and when (a later decision replaces both) */
  created_by: number | null;
  created_at: Timestamp;
}

export interface ScoreSheetTable {
  id: Generated<number>;
  /** its stage (0010); written without one, the competition's current stage (a trigger) */
  stage_id: ColumnType<number, number | undefined, number>;
  entry_id: number;
  judge_id: number;
  status: ColumnType<SheetStatus, SheetStatus | undefined, SheetStatus>;
  version: ColumnType<number, number | undefined, number>;
  comment: ColumnType<string, string | undefined, string>;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** set when the chair reopened a submitted sheet (0003_scoring); later changes are audited */
  reopened_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  reopen_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** the last save made in a session begun with an issued password (0007); never cleared */
  issued_password_saved_at: ColumnType<
    Timestamp | null,
    Timestamp | null | undefined,
    Timestamp | null
  >;
}

/** One answered save (0003_scoring): a retried POST with the same key gets this answer back. */
export interface SaveRequestTable {
  key: string;
  judge_id: number;
  sheet_id: number;
  response_json: string;
  created_at: Timestamp;
}

/** The chair's order for entries still tied where the tie decides a prize (0004_ranking). */
export interface TieDecisionTable {
  competition_id: number;
  entry_id: number;
  /** names the tie: ranking group, rounded final and component scores at the time of the decision */
  tie_key: string;
  /** 1 = first among the tied entries */
  position: number;
  reason: string;
  decided_by: number | null;
  decided_at: Timestamp;
}

export interface ScoreTable {
  sheet_id: number;
  indicator_id: number;
  /** copied from the indicator; a composite foreign key keeps them equal, a CHECK keeps value in range */
  min_score: number;
  max_score: number;
  value: number | null;
  note: ColumnType<string, string | undefined, string>;
}

/**
 * Maintained by triggers on `scores` and `score_sheets` (migration 0006), and by the scores import,
 * which counts the sheets it wrote set-wise while those triggers stand aside (migration 0016).
 */
export interface SheetPointsTable {
  sheet_id: number;
  component_id: number;
  /** the sheet's entry and whether it is submitted, copied from `score_sheets` */
  entry_id: number;
  submitted: Flag;
  /** Σ score over the component's indicators on this sheet (a null score counts 0) */
  points: number;
  /** how many score rows make up `points` */
  scores: number;
}

/**
 * A series of integers aggregated for the ranking (migration 0017): count, sum, maximum, minimum,
 * twice the median, and the trimmed mean's sum and count (without the highest and the lowest from
 * three values on). Holds while the entry's `inputs_counted` equals its `inputs_changed`.
 */
interface InputAggregates {
  n: number;
  s: number | bigint;
  hi: number | bigint;
  lo: number | bigint;
  mid2: number | bigint;
  ts: number | bigint;
  tk: number;
}

/**
 * An entry's judges' sheet totals in one stage, in units of 1/`unit` (the least common multiple of
 * the competition's Σ max when they were counted).
 */
export interface EntryStageInputsTable extends InputAggregates {
  entry_id: number;
  stage_id: number;
  unit: number | bigint;
  /**
   * migration 0018: under each method (mean, trimmed mean, median), the entry's component finals
   * in the stage as the tie-break chain (each × 100 as five digits, by weight, then position) and
   * as "componentId:x100" pairs; null without component scores
   */
  tiebreak_mean: string | null;
  components_mean: string | null;
  tiebreak_trimmed: string | null;
  components_trimmed: string | null;
  tiebreak_median: string | null;
  components_median: string | null;
}

/** An entry's judges' points for one component. */
export interface EntryComponentInputsTable extends InputAggregates {
  entry_id: number;
  component_id: number;
}

/** Empty at rest; one active row only inside a transaction writing scores in bulk (migration 0016, SQLite). */
export interface ScoresBulkTable {
  id: number;
  active: Flag;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  actor: string;
  competition_id: number | null;
  entity_type: string;
  entity_id: string;
  action: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
  /** hash of the previous entry ("" for the first); see app/lib/audit.server.ts */
  prev_hash: string | null;
  hash: string | null;
}

export interface PublicationTable {
  id: Generated<number>;
  competition_id: number;
  published_at: Timestamp;
  published_by: number;
  /** a correction or override states why */
  reason: string | null;
  /** 1 for the publication the public sees; earlier ones are kept as history */
  is_current: Flag;
  /** 0 for the first publication, n for the n-th correction */
  revision: number;
  /** the audit log's head hash when these results were frozen */
  audit_head_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PublishedResultTable {
  id: Generated<number>;
  publication_id: number;
  entry_id: number;
  rank: number;
  prize_label: string | null;
  category: string;
  library_code: string;
  library_name: string;
  library_village: string;
  library_district: string;
  /** final score × 100, exact (e.g. 87.25 → 8725) */
  final_score_x100: number;
  judge_count: number;
  /** the code of the last stage the entry was in (0010) */
  stage_code: ColumnType<string, string | undefined, string>;
  /** plain-sum points × 100 as they stood (0011); null in publications made before 0011 */
  points_sum_x100: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A stage of a publication's competition, as it stood (0010). */
export interface PublishedStageTable {
  publication_id: number;
  position: number;
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  advance: number | null;
}

/** An entry's score, rank and whether it went on in one stage, as published (0010). */
export interface PublishedStageResultTable {
  publication_id: number;
  stage_code: string;
  library_code: string;
  /** C_s × 100, the cumulative score there */
  score_x100: number | null;
  /** F_s × 100, the stage's own final (0014); null in an admin stage, without a final there, and
   * in publications made before 0014 */
  stage_score_x100: ColumnType<number | null, number | null | undefined, number | null>;
  rank: number | null;
  advanced: Flag;
}

/** A judge's coaching note (catatan pembinaan) for an entry in a stage (0011). */
export interface CoachingNoteTable {
  stage_id: number;
  entry_id: number;
  judge_id: number;
  text: string;
  /** 1: the chair includes it in the entry's feedback sheet */
  included: ColumnType<Flag, Flag | undefined, Flag>;
  updated_at: Timestamp;
}

/** A reported value the chair asks libraries for on an indicator (0015). */
export interface IndicatorClaimTable {
  indicator_id: number;
  kind: ClaimKind;
  /** judul, m², jam/hari, orang … ("" for yes/no and text) */
  unit: DefaultedText;
  /** the national standard's minimum (numbers); yes/no: 1 when the standard requires "yes" */
  standard_min: number | null;
}

/** An entry's self-assessment and the profile it proposes (0015). */
export interface SelfAssessmentTable {
  entry_id: number;
  status: ColumnType<SelfAssessmentStatus, SelfAssessmentStatus | undefined, SelfAssessmentStatus>;
  version: ColumnType<number, number | undefined, number>;
  submitted_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>;
  reopened_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  reopen_reason: DefaultedText;
  profile_head_name: ColumnType<string | null, string | null | undefined, string | null>;
  profile_opening_hours: ColumnType<string | null, string | null | undefined, string | null>;
  profile_members: ColumnType<number | null, number | null | undefined, number | null>;
  profile_status: ColumnType<ProfileStatus, ProfileStatus | undefined, ProfileStatus>;
  profile_decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  profile_decided_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  updated_at: Timestamp;
}

/** A reported value (0015): a canonical decimal, `yes`/`no`, or short text. */
export interface ClaimValueTable {
  entry_id: number;
  indicator_id: number;
  value: string;
  updated_at: Timestamp;
}

/** A visit judge's check of a reported value (0015); `observed` only when corrected. */
export interface ClaimCheckTable {
  stage_id: number;
  entry_id: number;
  indicator_id: number;
  judge_id: number;
  result: ClaimResult;
  observed: string | null;
  checked_at: Timestamp;
}

/** An evidence file (stored under the data folder by content hash) or a video link (0015). */
export interface EvidenceFileTable {
  id: Generated<number>;
  entry_id: number;
  indicator_id: number | null;
  /** a judge's visit photo names its stage; null for the library's own evidence */
  stage_id: number | null;
  uploaded_by: number;
  source: EvidenceSource;
  kind: EvidenceKind;
  file_hash: string | null;
  thumb_hash: string | null;
  url: string | null;
  original_name: DefaultedText;
  mime: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  /** where and when the photo was taken, from its metadata; for judges only */
  gps_lat: number | null;
  gps_lon: number | null;
  taken_at: string | null;
  created_at: Timestamp;
}

export interface PublishedComponentScoreTable {
  result_id: number;
  component_code: string;
  component_name: string;
  weight: number;
  position: number;
  score_x100: number;
}

/** A sheet set aside by a publication (a confirmed conflict of interest), as it stood then. */
export interface PublishedSetAsideTable {
  id: Generated<number>;
  publication_id: number;
  library_code: string;
  library_name: string;
  judge_name: string;
  sheet_status: SheetStatus | "new";
  confirmed_at: Timestamp;
  /** the name of who confirmed the conflict ("" when no longer known) */
  confirmed_by: string;
  reason: string;
}

export interface Database {
  competitions: CompetitionTable;
  stages: StageTable;
  stage_checks: StageCheckTable;
  stage_results: StageResultTable;
  components: ComponentTable;
  indicators: IndicatorTable;
  rubric_levels: RubricLevelTable;
  libraries: LibraryTable;
  entries: EntryTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  judge_assignments: JudgeAssignmentTable;
  competition_judges: CompetitionJudgeTable;
  conflicts: ConflictTable;
  score_sheets: ScoreSheetTable;
  scores: ScoreTable;
  sheet_points: SheetPointsTable;
  entry_stage_inputs: EntryStageInputsTable;
  entry_component_inputs: EntryComponentInputsTable;
  scores_bulk: ScoresBulkTable;
  save_requests: SaveRequestTable;
  tie_decisions: TieDecisionTable;
  audit_log: AuditLogTable;
  publications: PublicationTable;
  published_results: PublishedResultTable;
  published_component_scores: PublishedComponentScoreTable;
  published_set_aside: PublishedSetAsideTable;
  published_stages: PublishedStageTable;
  published_stage_results: PublishedStageResultTable;
  coaching_notes: CoachingNoteTable;
  indicator_claims: IndicatorClaimTable;
  self_assessments: SelfAssessmentTable;
  claim_values: ClaimValueTable;
  claim_checks: ClaimCheckTable;
  evidence_files: EvidenceFileTable;
}

export type Competition = Selectable<CompetitionTable>;
export type Stage = Selectable<StageTable>;
export type Library = Selectable<LibraryTable>;

/**
 * What a query runs on: the database, or a transaction in progress (a `Transaction<Database>` is a
 * `Kysely<Database>`). Functions that query take it as their last parameter, `db: Executor = getDb()`.
 */
export type Executor = Kysely<Database>;
