// Isomorphic: header names shared by proxy.ts, the resolver and the tests.

/** What the SSO gateway injects (DESIGN section 6). Trusted only next to the gateway's shared secret. */
export const GATEWAY_HEADERS = {
  userId: "x-user-id",
  email: "x-user-email",
  orgId: "x-org-id",
  teamId: "x-team-id",
  role: "x-user-role",
} as const;

/**
 * The caller as established by proxy.ts, signed (HMAC) so that a route reached without the proxy, or a client
 * sending this header itself, cannot impersonate anyone. Internal: the proxy removes any incoming copy.
 */
export const CALLER_HEADER = "x-mb-caller";

/** Every header a client might use to claim an identity; the proxy strips them all before routes run. */
export const IDENTITY_HEADER_NAMES: readonly string[] = [...Object.values(GATEWAY_HEADERS), CALLER_HEADER];
