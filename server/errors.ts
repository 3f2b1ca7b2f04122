// Domain errors know nothing about tRPC or HTTP; the boundary translates them with this one table.
export const APP_ERROR_CODES = {
  INVALID_INPUT: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHORIZED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
  /** Overloaded (no database connection within the wait): retry shortly. */
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    public readonly code: TAppErrorCode,
    message: string,
    /** The offending input path, e.g. "params.seconds". */
    public readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
