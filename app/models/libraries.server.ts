import { parse } from "csv-parse/sync";
import { z } from "zod";
import { LIBRARY_TYPES, type Executor, type Library, type LibraryType } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { libraryCodeField } from "~/lib/criteria-schema.server";
import { getDb } from "~/lib/db.server";
import { noControlCharacters } from "~/lib/text";
import { nowIso } from "~/lib/time";
import { sameCode } from "./query.server";
import { refuse, type Result } from "~/lib/forms";

/** What a chair edits about a library; `contact` holds the phone number of the spreadsheet. */
export interface LibraryInput {
  code: string;
  name: string;
  type: LibraryType;
  village: string;
  district: string;
  address: string;
  head_name: string;
  contact: string;
  npp: string;
}

const opt = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" })
    .optional()
    .transform((v) => v ?? "");

export const LibrarySchema = z.object({
  code: libraryCodeField(),
  name: z
    .string({ error: "error.required" })
    .trim()
    .min(1, { error: "error.required" })
    .max(200, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" }),
  type: z
    .string({ error: "error.required" })
    .trim()
    .toLowerCase()
    .pipe(z.enum(LIBRARY_TYPES, { error: "setup.error.libraryType" })),
  village: opt(120),
  district: opt(120),
  address: opt(300),
  head_name: opt(120),
  contact: opt(60),
  npp: opt(40),
});

export async function listLibraries(): Promise<Library[]> {
  return getDb().selectFrom("libraries").selectAll().orderBy("district").orderBy("name").execute();
}

export async function getLibrary(id: number): Promise<Library | undefined> {
  return getDb().selectFrom("libraries").selectAll().where("id", "=", id).executeTakeFirst();
}

function fieldsOf(l: LibraryInput): LibraryInput {
  return {
    code: l.code,
    name: l.name,
    type: l.type,
    village: l.village,
    district: l.district,
    address: l.address,
    head_name: l.head_name,
    contact: l.contact,
    npp: l.npp,
  };
}

/**
 * Adds the library, or updates the one with the same code: the code is the registry's key,
 * so importing a list twice never makes duplicates. Returns what happened.
 */
export async function upsertLibraryIn(
  actor: Actor,
  input: LibraryInput,
  trx: Executor,
): Promise<{ id: number; change: "created" | "updated" | "unchanged" }> {
  const now = nowIso();
  const existing = await trx
    .selectFrom("libraries")
    .selectAll()
    .where(sameCode("code", input.code))
    .executeTakeFirst();
  if (!existing) {
    const { id } = await trx
      .insertInto("libraries")
      .values({ ...fieldsOf(input), created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      {
        actor,
        entityType: "library",
        entityId: id,
        action: "create",
        after: fieldsOf(input),
      },
      trx,
    );
    return { id, change: "created" };
  }
  const before = fieldsOf(existing);
  const after = fieldsOf(input);
  if (JSON.stringify(before) === JSON.stringify(after))
    return { id: existing.id, change: "unchanged" };
  await trx
    .updateTable("libraries")
    .set({ ...after, updated_at: now })
    .where("id", "=", existing.id)
    .execute();
  await recordAudit(
    {
      actor,
      entityType: "library",
      entityId: existing.id,
      action: "update",
      before,
      after,
    },
    trx,
  );
  return { id: existing.id, change: "updated" };
}

export async function createLibrary(
  actor: Actor,
  input: LibraryInput,
): Promise<Result<{ id: number }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const taken = await trx
        .selectFrom("libraries")
        .select("id")
        .where(sameCode("code", input.code))
        .executeTakeFirst();
      if (taken) return refuse("setup.error.libraryCodeTaken", "code");
      const { id } = await upsertLibraryIn(actor, input, trx);
      return { ok: true, id } as const;
    });
}

export async function updateLibrary(
  actor: Actor,
  id: number,
  input: LibraryInput,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await trx
        .selectFrom("libraries")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!current) return refuse("error.404");
      const other = await trx
        .selectFrom("libraries")
        .select("id")
        .where(sameCode("code", input.code))
        .where("id", "<>", id)
        .executeTakeFirst();
      if (other) return refuse("setup.error.libraryCodeTaken", "code");
      const before = fieldsOf(current);
      await trx
        .updateTable("libraries")
        .set({ ...fieldsOf(input), updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
      await recordAudit(
        {
          actor,
          entityType: "library",
          entityId: id,
          action: "update",
          before,
          after: fieldsOf(input),
        },
        trx,
      );
      return { ok: true } as const;
    });
}

// ---- CSV import ------------------------------------------------------------------------------

/** Column names a library office's spreadsheet may use, in English or Indonesian. */
const HEADER_ALIASES: Record<string, keyof LibraryInput> = {
  code: "code",
  kode: "code",
  name: "name",
  nama: "name",
  "nama perpustakaan": "name",
  type: "type",
  jenis: "type",
  tipe: "type",
  village: "village",
  desa: "village",
  "desa/kelurahan": "village",
  kelurahan: "village",
  district: "district",
  kecamatan: "district",
  address: "address",
  alamat: "address",
  head: "head_name",
  "head name": "head_name",
  kepala: "head_name",
  "kepala perpustakaan": "head_name",
  phone: "contact",
  telepon: "contact",
  telp: "contact",
  hp: "contact",
  "no hp": "contact",
  npp: "npp",
};

export interface CsvRowPreview {
  line: number;
  library: LibraryInput;
  change: "created" | "updated" | "unchanged";
}

/** a catalog key and its placeholders, translated where it is shown */
export interface Message {
  message: string;
  params?: Record<string, string | number>;
  column?: string;
}

export interface CsvRowError {
  line: number;
  /** catalog keys with the column they concern */
  problems: Message[];
}

export interface CsvPreview {
  rows: CsvRowPreview[];
  errors: CsvRowError[];
  /** a problem with the file as a whole (unreadable, no header, missing columns) */
  fileError: Message | null;
}

export const MAX_CSV_ROWS = 5000;

/**
 * Reads a library list and says, row by row, what an import would do, without writing anything.
 * Line numbers are the file's own (the header is line 1), as the chair sees them in a spreadsheet.
 */
export async function previewLibraryCsv(text: string): Promise<CsvPreview> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) =>
        header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? `?${h.trim()}`),
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      delimiter:
        text.split("\n", 1)[0]!.includes(";") && !text.split("\n", 1)[0]!.includes(",") ? ";" : ",",
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      rows: [],
      errors: [],
      fileError: {
        message: "setup.csv.unreadable",
        params: { line: line ?? "?" },
      },
    };
  }
  if (records.length === 0)
    return { rows: [], errors: [], fileError: { message: "setup.csv.empty" } };
  const first = records[0]!.record;
  const missing = (["code", "name", "type"] as const).filter((c) => !(c in first));
  if (missing.length > 0)
    return {
      rows: [],
      errors: [],
      fileError: {
        message: "setup.csv.missingColumns",
        params: { columns: missing.join(", ") },
      },
    };
  if (records.length > MAX_CSV_ROWS)
    return {
      rows: [],
      errors: [],
      fileError: {
        message: "setup.csv.tooMany",
        params: { max: MAX_CSV_ROWS },
      },
    };

  // codes are case-blind: "kutim-01" updates "KUTIM-01"
  const existing = new Map((await listLibraries()).map((l) => [l.code.toLowerCase(), l]));
  const seen = new Map<string, number>();
  const rows: CsvRowPreview[] = [];
  const errors: CsvRowError[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = LibrarySchema.safeParse(record);
    if (!parsed.success) {
      errors.push({
        line,
        problems: parsed.error.issues.map((i) => ({
          column: String(i.path[0] ?? ""),
          message: i.message,
        })),
      });
      continue;
    }
    const library = parsed.data;
    const earlier = seen.get(library.code.toLowerCase());
    if (earlier !== undefined) {
      errors.push({
        line,
        problems: [
          {
            column: "code",
            message: "setup.csv.duplicateCode",
            params: { line: earlier },
          },
        ],
      });
      continue;
    }
    seen.set(library.code.toLowerCase(), line);
    const current = existing.get(library.code.toLowerCase());
    const change = !current
      ? "created"
      : JSON.stringify(fieldsOf(current)) === JSON.stringify(fieldsOf(library))
        ? "unchanged"
        : "updated";
    rows.push({ line, library, change });
  }
  return { rows, errors, fileError: null };
}

export type CsvImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; preview: CsvPreview };

/** Imports the list only when every row is valid; one transaction, so all rows or none. */
export async function importLibraryCsv(actor: Actor, text: string): Promise<CsvImportResult> {
  const preview = await previewLibraryCsv(text);
  if (preview.fileError || preview.errors.length > 0 || preview.rows.length === 0)
    return { ok: false, preview };
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const row of preview.rows)
        counts[(await upsertLibraryIn(actor, row.library, trx)).change]++;
      await recordAudit(
        {
          actor,
          entityType: "library",
          entityId: "csv",
          action: "import",
          after: counts,
        },
        trx,
      );
      return { ok: true, ...counts } as const;
    });
}
