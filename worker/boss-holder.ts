import type { PgBoss } from "pg-boss";

// The worker's one pg-boss instance, for the few handlers that act on the queue itself (the reaper).
let boss: PgBoss | undefined;

export function holdBoss(instance: PgBoss): void {
  boss = instance;
}

export function currentBoss(): PgBoss {
  if (!boss) throw new Error("pg-boss not started in this process");
  return boss;
}
