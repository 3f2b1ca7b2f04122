// Leaderboard filters, isomorphic (zod only): parsed the same way by tRPC, the REST shim and the page's form.
import { z } from "zod";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-only `to` means the end of that day (UTC), so the range is inclusive. */
/** Only ISO dates (YYYY-MM-DD) or date-times; z.coerce.date alone would read any string Date.parse accepts. */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const ZDate = (endOfDay: boolean) =>
  z.preprocess(
    (value) => (typeof value === "string" && DATE_ONLY.test(value) ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value),
    z.union([z.date(), z.string().regex(ISO, "must be an ISO date such as 2026-11-23").pipe(z.coerce.date())]),
  );

export const ZLeaderboardFilter = z
  .object({
    repository: z.string().trim().min(1).optional(),
    teamId: z.string().trim().min(1).optional(),
    /** Per-task leaderboard when set. */
    taskId: z.string().trim().min(1).optional(),
    from: ZDate(false).optional(),
    to: ZDate(true).optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), { message: "from must not be after to", path: ["to"] });

export type TLeaderboardFilter = z.infer<typeof ZLeaderboardFilter>;
export type TLeaderboardFilterInput = z.input<typeof ZLeaderboardFilter>;
