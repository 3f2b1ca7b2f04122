import "server-only";
import { db } from "@/server/db/client";
import { logger } from "@/server/logger";
import type { TCaller } from "./caller";

// Users and orgs seen through the gateway (or the OIDC provider) are recorded, first and last seen. At most one
// write per user and org a minute per process: requests never wait for it, and a failure only logs.

const INTERVAL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const holder = globalThis as unknown as { __mbSeen?: Map<string, number> };

export function noteCallerSeen(caller: TCaller, now = Date.now()): void {
  const seen = (holder.__mbSeen ??= new Map());
  const key = `${caller.orgId}\0${caller.userId}\0${caller.role}\0${caller.teamId ?? ""}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < INTERVAL_MS) return;
  if (seen.size >= MAX_ENTRIES) seen.clear();
  seen.set(key, now);
  recordCaller(caller).catch((err: unknown) => {
    seen.delete(key); // try again on the next request
    logger.warn({ err, orgId: caller.orgId, userId: caller.userId }, "could not record the user as seen");
  });
}

/** Upserts the org, the user and the membership; first-seen times stay, last-seen times move. */
export async function recordCaller(caller: TCaller): Promise<void> {
  const now = new Date();
  await db().$transaction([
    db().org.upsert({ where: { id: caller.orgId }, create: { id: caller.orgId }, update: { lastSeenAt: now } }),
    db().user.upsert({
      where: { id: caller.userId },
      create: { id: caller.userId, email: caller.email ?? null },
      update: { lastSeenAt: now, ...(caller.email ? { email: caller.email } : {}) },
    }),
    db().orgMember.upsert({
      where: { orgId_userId: { orgId: caller.orgId, userId: caller.userId } },
      create: { orgId: caller.orgId, userId: caller.userId, role: caller.role, teamId: caller.teamId },
      update: { role: caller.role, teamId: caller.teamId, lastSeenAt: now },
    }),
  ]);
}
