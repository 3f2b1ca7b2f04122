// Isomorphic: used by proxy.ts (edge of the app) and the tRPC context.
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** An incoming X-Request-ID we are willing to reuse (so logs join across a gateway), else undefined. */
export function validRequestId(value: string | null | undefined): string | undefined {
  return value && VALID.test(value) ? value : undefined;
}

export const REQUEST_ID_HEADER = "x-request-id";
