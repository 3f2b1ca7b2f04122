import type { TCaller } from "./caller";
import { AppError } from "../errors";

// The one place roles are decided (DESIGN section 6): viewers read; members act on what they own; admins on
// anything of their org. Rows of other orgs never reach here: services scope their queries by org first.
export function canActOn(caller: Pick<TCaller, "role" | "userId">, owner: { userId: string }): boolean {
  return caller.role === "admin" || (caller.role === "member" && owner.userId === caller.userId);
}

export function assertCanActOn(caller: Pick<TCaller, "role" | "userId">, owner: { userId: string }, action: string, what: string): void {
  if (canActOn(caller, owner)) return;
  throw new AppError("FORBIDDEN", caller.role === "viewer" ? `viewers cannot ${action} ${what}s` : `you may only ${action} your own ${what}s`);
}

export function assertCanSubmit(caller: Pick<TCaller, "role">, what: string): void {
  if (caller.role === "viewer") throw new AppError("FORBIDDEN", `viewers cannot submit ${what}s`);
}
