import { z } from "zod";

export const ZRole = z.enum(["admin", "member", "viewer"]);
export type TRole = z.infer<typeof ZRole>;

/** Who is asking. Every service takes the org (and user, for ownership) from here, explicitly. */
const ZIdentifier = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
export const ZCaller = z.object({
  userId: ZIdentifier,
  email: z.string().max(320).optional(),
  orgId: ZIdentifier,
  teamId: ZIdentifier.nullable(),
  role: ZRole,
});
export type TCaller = z.infer<typeof ZCaller>;

/** AUTH_MODE=none: one local admin of one local org, for development. */
export const LOCAL_CALLER: TCaller = { userId: "local-user", email: "local@localhost", orgId: "local", teamId: null, role: "admin" };

/** Owner of jobs the system creates itself (cron maintenance). */
export const SYSTEM_CALLER: TCaller = { userId: "system", orgId: "system", teamId: null, role: "admin" };
