import { z } from "zod";

export const ZRole = z.enum(["admin", "member", "viewer"]);
export type TRole = z.infer<typeof ZRole>;

/** Who is asking. Every service takes the org (and user, for ownership) from here, explicitly. */
export const ZCaller = z.object({
  userId: z.string().min(1),
  email: z.string().optional(),
  orgId: z.string().min(1),
  teamId: z.string().nullable(),
  role: ZRole,
});
export type TCaller = z.infer<typeof ZCaller>;

/** AUTH_MODE=none: one local admin of one local org, for development. */
export const LOCAL_CALLER: TCaller = { userId: "local-user", email: "local@localhost", orgId: "local", teamId: null, role: "admin" };

/** Owner of jobs the system creates itself (cron maintenance). */
export const SYSTEM_CALLER: TCaller = { userId: "system", orgId: "system", teamId: null, role: "admin" };
