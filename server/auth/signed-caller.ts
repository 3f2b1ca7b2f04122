import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ZCaller, type TCaller } from "./caller";

// proxy.ts → route handlers: the caller travels as `v1.<payload>.<mac>` (base64url JSON + HMAC-SHA256). The key is
// derived from the mode's own secret (gateway secret or NEXTAUTH_SECRET), so nothing new has to be configured,
// and a header minted by anyone without that secret is ignored. Short-lived: it only has to outlive one request.

const TTL_MS = 60_000;

export function callerSigningKey(secret: string): Buffer {
  return createHash("sha256").update("memory-break caller header v1\0").update(secret).digest();
}

export function signCaller(caller: TCaller, key: Buffer, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...caller, exp: now + TTL_MS })).toString("base64url");
  return `v1.${payload}.${mac(payload, key)}`;
}

/** The caller, or null when the value is missing, forged, expired or malformed. */
export function verifyCaller(value: string | null, key: Buffer, now = Date.now()): TCaller | null {
  if (!value) return null;
  const [version, payload, signature] = value.split(".");
  if (version !== "v1" || !payload || !signature) return null;
  const expected = Buffer.from(mac(payload, key));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return null;
  try {
    const { exp, ...caller } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TCaller & { exp: number };
    if (typeof exp !== "number" || exp < now) return null;
    const parsed = ZCaller.safeParse(caller);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function mac(payload: string, key: Buffer): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}
