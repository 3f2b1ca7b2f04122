import type { z } from "zod";
import { AppError } from "../errors";
import type { TJobTypeDefinition } from "./define-job";

/** Parses a job's params with its type's schema; the error names the first offending field. */
export function validateParams(type: TJobTypeDefinition, params: unknown): Record<string, unknown> {
  const parsed = type.params.safeParse(params);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = (parsed.error as z.ZodError).issues[0]!;
  const field = ["params", ...issue.path.map(String)].join(".");
  throw new AppError("INVALID_INPUT", `${field}: ${issue.message}`, field);
}
