import "server-only";
import type { AuthOptions } from "next-auth";
import { env } from "@/server/config/env";
import { logger } from "@/server/logger";
import { authSettings } from "./auth-settings";
import { callerFromClaims, callerFromSessionToken } from "./oidc-claims";

// AUTH_MODE=nextauth: next-auth 4 with one OIDC provider from env. Sessions are JWTs (no database adapter) that
// carry the caller decided at sign-in from the ID token's claims; proxy.ts reads them with getToken.

const SESSION_HOURS = 8;
let cached: AuthOptions | undefined;

export function nextAuthOptions(): AuthOptions {
  if (cached) return cached;
  const e = env();
  const auth = authSettings(e);
  if (auth.mode !== "nextauth") throw new Error("nextAuthOptions() needs AUTH_MODE=nextauth");
  cached = {
    secret: auth.nextauth.secret,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      {
        id: "oidc",
        name: e.AUTH_OIDC_NAME,
        type: "oauth",
        wellKnown: `${e.AUTH_OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
        clientId: e.AUTH_OIDC_CLIENT_ID,
        clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
        authorization: { params: { scope: e.AUTH_OIDC_SCOPE } },
        idToken: true,
        checks: ["pkce", "state"],
        profile: (profile: Record<string, unknown>) => ({
          id: String(profile.sub),
          email: typeof profile.email === "string" ? profile.email : null,
          name: typeof profile.name === "string" ? profile.name : null,
        }),
      },
    ],
    callbacks: {
      signIn({ profile }) {
        const result = callerFromClaims((profile ?? {}) as Record<string, unknown>, auth.claims);
        if (!result.ok) logger.warn({ sub: profile?.sub, reason: result.reason }, "sign-in refused");
        return result.ok;
      },
      jwt({ token, profile }) {
        // profile is only present at sign-in; later calls keep the caller decided then.
        if (profile) {
          const result = callerFromClaims(profile as Record<string, unknown>, auth.claims);
          if (result.ok) token.caller = result.caller;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, caller: callerFromSessionToken(token) };
      },
    },
    // next-auth's own messages go to our structured log; it never logs tokens or secrets at these levels.
    logger: {
      error: (code, metadata) => logger.error({ code, err: metadata instanceof Error ? metadata : undefined }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
  return cached;
}
