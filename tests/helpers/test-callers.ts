import { randomUUID } from "node:crypto";
import type { TCaller } from "@/server/auth/caller";

/** A fresh org with an admin, a member and a viewer, so tests never see each other's rows. */
export function makeOrg(): { orgId: string; admin: TCaller; member: TCaller; otherMember: TCaller; viewer: TCaller } {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const user = (role: TCaller["role"], name: string): TCaller => ({ userId: `${name}-${orgId}`, email: `${name}@example.test`, orgId, teamId: "team-a", role });
  return { orgId, admin: user("admin", "admin"), member: user("member", "member"), otherMember: user("member", "member2"), viewer: user("viewer", "viewer") };
}
