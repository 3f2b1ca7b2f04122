import { randomBytes, randomUUID } from "node:crypto";

// Identities as the SSO gateway sends them (AUTH_MODE=sso), for tests and bench:api.

export type TGatewayUser = { userId: string; email: string; orgId: string; teamId: string; role: "admin" | "member" | "viewer" };

export const newGatewaySecret = () => randomBytes(32).toString("hex");

export function gatewayHeaders(user: TGatewayUser, secret: string | null, secretHeader = "x-gateway-secret"): Record<string, string> {
  return {
    ...(secret === null ? {} : { [secretHeader]: secret }),
    "x-user-id": user.userId,
    "x-user-email": user.email,
    "x-org-id": user.orgId,
    "x-team-id": user.teamId,
    "x-user-role": user.role,
  };
}

/** A fresh org with two members, an admin and a viewer, unique per call so tests never see each other's rows. */
export function newGatewayOrg(label = "org") {
  const orgId = `${label}-${randomUUID().slice(0, 8)}`;
  const user = (name: string, role: TGatewayUser["role"]): TGatewayUser => ({ userId: `${name}@${orgId}`, email: `${name}@${orgId}.test`, orgId, teamId: "team-1", role });
  return { orgId, admin: user("admin", "admin"), member: user("member", "member"), otherMember: user("member2", "member"), viewer: user("viewer", "viewer") };
}
