import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time comparison that also hides the length: both sides are hashed to 32 bytes first. */
export function secretMatches(presented: string | null, secret: string): boolean {
  if (presented === null) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(secret));
}
