import type { z } from "zod";
import { AppError } from "../errors";

/**
 * Parses input with a zod schema for a service; on failure throws INVALID_INPUT naming the first offending
 * field (with an optional prefix such as "params"), the shape tRPC, REST and the forms all report.
 */
export function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown, prefix?: string): z.output<TSchema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join(".") || "input";
  throw new AppError("INVALID_INPUT", `${field}: ${issue.message}`, field);
}
