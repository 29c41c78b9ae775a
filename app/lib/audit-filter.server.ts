import { z } from "zod";

/**
 * The audit log's search (its query string), as the page's loader reads it; kept out of the route
 * module so the page's browser bundle does not carry zod.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Bad filter values are dropped rather than refused: this is a read-only search page. */
export const AuditFilterSchema = z.object({
  competition: z.coerce.number().int().positive().optional().catch(undefined),
  user: z.coerce.number().int().positive().optional().catch(undefined),
  entity: z.string().max(50).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
