// Isomorphic: what answers without an identity. Everything else needs a caller (401 or the sign-in page).
const PUBLIC_EXACT = new Set(["/api/health", "/api/metrics", "/api/v1/openapi.json", "/docs", "/signin"]);
const PUBLIC_PREFIXES = ["/api/auth/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** API clients get JSON errors; browsers on pages get a page (or the sign-in redirect). */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}
