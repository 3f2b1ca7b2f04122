import "server-only";
import { randomUUID } from "node:crypto";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { TCaller } from "../auth/caller";
import { db } from "../db/client";
import { AppError } from "../errors";
import { findJobType } from "./catalog";
import type { TJobEnvelope } from "./job-envelope";
import { getProducer } from "./producer";
import { ZSubmitJobInput, type TSubmitJobInput } from "./schema";
import { sendOptionsFor } from "./send-options";
import { validateParams } from "./validate-params";

type TSender = Pick<PgBoss, "send" | "insert">;

/**
 * Creates the tracked row and the pg-boss job in one transaction: both exist or neither.
 * The queue's NOTIFY (sent on commit) wakes an idle worker at once.
 */
export async function submitJob(
  caller: Pick<TCaller, "orgId" | "teamId" | "userId">,
  rawInput: TSubmitJobInput,
  deps: { boss?: TSender } = {},
): Promise<{ id: string }> {
  const parsed = ZSubmitJobInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join(".") || "input";
    throw new AppError("INVALID_INPUT", `${field}: ${issue.message}`, field);
  }
  const input = parsed.data;
  const type = findJobType(input.type);
  if (!type) throw new AppError("INVALID_INPUT", `type: unknown job type ${input.type}`, "type");
  const params = validateParams(type, input.params);
  const options = sendOptionsFor(type, input);
  const boss = deps.boss ?? (await getProducer());
  const id = randomUUID();
  const envelope: TJobEnvelope = { type: type.name, params };

  await db().$transaction(async (tx) => {
    await tx.job.create({
      data: {
        id,
        type: type.name,
        queue: type.queue,
        priority: options.priority!,
        params: params as object,
        maxAttempts: options.retryLimit! + 1,
        orgId: caller.orgId,
        teamId: caller.teamId,
        userId: caller.userId,
      },
    });
    await boss.send(type.queue, envelope, { ...options, id, db: fromPrisma(tx) });
  });
  return { id };
}

/** Many jobs of one type in one transaction (benchmarks, bulk imports). */
export async function submitJobs(
  caller: Pick<TCaller, "orgId" | "teamId" | "userId">,
  typeName: string,
  paramsList: unknown[],
  deps: { boss?: TSender } = {},
): Promise<{ ids: string[] }> {
  const type = findJobType(typeName);
  if (!type) throw new AppError("INVALID_INPUT", `type: unknown job type ${typeName}`, "type");
  const params = paramsList.map((p) => validateParams(type, p));
  const options = sendOptionsFor(type);
  const boss = deps.boss ?? (await getProducer());
  const ids = params.map(() => randomUUID());
  await db().$transaction(async (tx) => {
    await tx.job.createMany({
      data: ids.map((id, i) => ({
        id,
        type: type.name,
        queue: type.queue,
        priority: options.priority!,
        params: params[i] as object,
        maxAttempts: options.retryLimit! + 1,
        orgId: caller.orgId,
        teamId: caller.teamId,
        userId: caller.userId,
      })),
    });
    await boss.insert(
      type.queue,
      ids.map((id, i) => ({ id, data: { type: type.name, params: params[i] }, ...options })),
      { db: fromPrisma(tx) },
    );
  });
  return { ids };
}
