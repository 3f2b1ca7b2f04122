import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { APP_ERROR_CODES, AppError } from "@/server/errors";

/** The one translation of domain errors to tRPC codes (the REST shim uses the same table for HTTP). */
export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_ERROR_CODES[error.code].trpc, message: error.message, cause: error });
}

/** "params.seconds"-style path of a zod issue, or undefined for an issue on the whole input. */
export function issuePath(issue: z.core.$ZodIssue | undefined): string | undefined {
  const path = issue?.path.map(String).join(".");
  return path ? path : undefined;
}

/** What a form needs from a failed call: which field, and zod's flattened view when the input schema rejected it. */
export function describeClientError(error: TRPCError): { field: string | null; zodError: z.core.$ZodFlattenedError<unknown> | null; message?: string } {
  if (error.cause instanceof AppError) return { field: error.cause.field ?? null, zodError: null };
  if (error.code === "BAD_REQUEST" && error.cause instanceof z.ZodError) {
    const first = error.cause.issues[0];
    const field = issuePath(first) ?? null;
    return { field, zodError: z.flattenError(error.cause), message: `${field ?? "input"}: ${first?.message ?? "invalid"}` };
  }
  return { field: null, zodError: null };
}
