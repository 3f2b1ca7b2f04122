import "server-only";
import type { TCaller } from "../auth/caller";
import { db } from "../db/client";
import { AppError } from "../errors";
import { assertCanActOn } from "../auth/permissions";

/** Where-clause for the jobs a caller may act on: admins any in their org, members their own. */
export function actionableBy(caller: TCaller) {
  return { orgId: caller.orgId, ...(caller.role === "admin" ? {} : { userId: caller.userId }) };
}

/** Loads a job of the caller's org for an action; NOT_FOUND across orgs, FORBIDDEN for viewers and others' jobs. */
export async function findJobForAction(caller: TCaller, id: string, action: "cancel" | "retry") {
  const row = await db().job.findFirst({ where: { id, orgId: caller.orgId }, select: { status: true, userId: true } });
  if (!row) throw new AppError("NOT_FOUND", "job not found");
  assertCanActOn(caller, row, action, "job");
  return row;
}
