import "server-only";
import type { PgBoss } from "pg-boss";
import { env } from "../config/env";
import { createBoss } from "./create-boss";
import { ensureQueues } from "./ensure-queues";

// The web's pg-boss: sends only. One per process (globalThis survives Next's dev reloads).
const holder = globalThis as unknown as { __mbProducer?: Promise<PgBoss> };

export function getProducer(): Promise<PgBoss> {
  holder.__mbProducer ??= (async () => {
    const boss = createBoss(env().DATABASE_URL, "producer");
    await boss.start();
    await ensureQueues(boss, env().JOB_HEARTBEAT_SECONDS);
    return boss;
  })().catch((error) => {
    holder.__mbProducer = undefined; // let the next call try again (e.g. database was restarting)
    throw error;
  });
  return holder.__mbProducer;
}

export async function stopProducer(): Promise<void> {
  const boss = await holder.__mbProducer?.catch(() => undefined);
  holder.__mbProducer = undefined;
  await boss?.stop({ graceful: false, close: true });
}
