// Errors that mean "no database connection within the wait" (the pool was exhausted), not a fault: callers answer
// them with a 503 and Retry-After rather than a 500.
//   P2028  Prisma's interactive transaction could not start within maxWait
//   pg-pool's own message when connectionTimeoutMillis passes (also inside Prisma's driver-adapter errors)
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Unable to start a transaction in the given time/i;

export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (code === "P2028" || (typeof message === "string" && POOL_TIMEOUT.test(message))) return true;
    current = cause;
  }
  return false;
}
