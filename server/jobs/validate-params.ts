import { parseInput } from "../validation/parse-input";
import type { TJobTypeDefinition } from "./define-job";

/** Parses a job's params with its type's schema; the error names the first offending field. */
export function validateParams(type: TJobTypeDefinition, params: unknown): Record<string, unknown> {
  return parseInput(type.params, params, "params") as Record<string, unknown>;
}
