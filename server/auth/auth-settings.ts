import type { TEnv } from "@/server/config/env-schema";
import type { TGatewaySettings } from "./gateway-identity";
import type { TClaimMapping } from "./oidc-claims";
import { callerSigningKey } from "./signed-caller";

// The identity part of the environment, derived once per process (pure: takes the parsed env).

export type TAuthSettings =
  | { mode: "none" }
  | { mode: "sso"; gateway: TGatewaySettings; signingKey: Buffer }
  | { mode: "nextauth"; nextauth: { secret: string; secureCookie: boolean }; claims: TClaimMapping; signingKey: Buffer };

export function authSettings(env: TEnv): TAuthSettings {
  if (env.AUTH_MODE === "sso") {
    const secret = env.AUTH_GATEWAY_SECRET!; // env-schema requires it in this mode
    return { mode: "sso", gateway: { secret, secretHeader: env.AUTH_GATEWAY_SECRET_HEADER }, signingKey: callerSigningKey(secret) };
  }
  if (env.AUTH_MODE === "nextauth") {
    const secret = env.NEXTAUTH_SECRET!;
    return {
      mode: "nextauth",
      nextauth: { secret, secureCookie: env.NEXTAUTH_URL!.startsWith("https://") },
      claims: {
        orgClaim: env.AUTH_OIDC_ORG_CLAIM,
        teamClaim: env.AUTH_OIDC_TEAM_CLAIM,
        roleClaim: env.AUTH_OIDC_ROLE_CLAIM,
        defaultOrg: env.AUTH_DEFAULT_ORG,
        defaultRole: env.AUTH_DEFAULT_ROLE,
      },
      signingKey: callerSigningKey(secret),
    };
  }
  return { mode: "none" };
}
