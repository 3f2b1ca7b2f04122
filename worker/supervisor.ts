import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import type { PgBoss } from "pg-boss";
import { db } from "@/server/db/client";
import { PgListener } from "@/server/db/pg-listener";
import { CHANNELS } from "@/server/jobs/job-channels";
import { logger } from "@/server/logger";
import { parseNotifyPayload } from "@/server/notify/coalescing-notifier";
import { recordHeartbeat } from "@/server/workers/record-heartbeat";
import { reapDeadWorkers } from "@/server/workers/reap-dead-workers";
import { JobCancelledError, type AbortRegistry } from "./abort-registry";
import type { QueueConsumers } from "./queue-consumers";

type TDeps = {
  boss: PgBoss; url: string; workerId: string; queues: Map<string, number>; registry: AbortRegistry;
  consumers: QueueConsumers; heartbeatSeconds: number; deadAfterSeconds: number;
  /** Rewritten every tick for exec liveness probes (WORKER_HEALTH_FILE); none when unset. */
  healthFile?: string;
};

/**
 * The worker's background duties: heartbeat, reaping dead workers, and reacting to cancels and pause
 * switches. NOTIFY makes reactions immediate; the periodic tick is the fallback when a notification was missed.
 */
export class Supervisor {
  private timer: NodeJS.Timeout | undefined;
  private status: "running" | "draining" | "stopped" = "running";
  private readonly listener: PgListener;

  constructor(private readonly deps: TDeps) {
    this.listener = new PgListener({
      url: deps.url,
      channels: [CHANNELS.cancel, CHANNELS.queueControl],
      onNotification: (channel, payload) => {
        if (channel === CHANNELS.cancel) for (const id of cancelledIds(payload)) this.deps.registry.abort(id, new JobCancelledError());
        else void this.deps.consumers.sync();
      },
      onSubscribed: () => void this.tick(),
    });
  }

  async start(): Promise<void> {
    await this.beat();
    await this.touchHealthFile();
    await this.listener.start();
    this.timer = setInterval(() => void this.tick(), this.deps.heartbeatSeconds * 1000);
  }

  async setStatus(status: "draining" | "stopped"): Promise<void> {
    this.status = status;
    if (status === "stopped") {
      clearInterval(this.timer);
      await this.listener.stop();
      if (this.deps.healthFile) await rm(this.deps.healthFile, { force: true });
    }
    await this.beat().catch((err) => logger.warn({ err }, "final heartbeat failed"));
  }

  private async tick(): Promise<void> {
    await this.touchHealthFile();
    try {
      await this.beat();
      await this.abortCancelled();
      if (this.status === "running") {
        await this.deps.consumers.sync();
        const reaped = await reapDeadWorkers(this.deps.boss, this.deps.deadAfterSeconds);
        if (reaped.jobs > 0 || reaped.workers > 0) logger.warn(reaped, "reaped dead workers");
      }
    } catch (err) {
      logger.warn({ err }, "supervisor tick failed (database unreachable?); retrying next tick");
    }
  }

  /** Liveness for exec probes (no HTTP port): rewritten on every tick, whether or not the database answered. */
  private async touchHealthFile(): Promise<void> {
    const file = this.deps.healthFile;
    if (file) await writeFile(file, JSON.stringify({ at: new Date().toISOString(), status: this.status, inFlight: this.deps.registry.size })).catch(() => {});
  }

  private beat(): Promise<void> {
    return recordHeartbeat({
      id: this.deps.workerId, host: os.hostname(), pid: process.pid, queues: Object.fromEntries(this.deps.queues),
      inFlight: this.deps.registry.size, status: this.status,
    });
  }

  private async abortCancelled(): Promise<void> {
    const ids = this.deps.registry.ids();
    if (ids.length === 0) return;
    const cancelled = await db().job.findMany({ where: { id: { in: ids }, status: "cancelled" }, select: { id: true } });
    for (const { id } of cancelled) this.deps.registry.abort(id, new JobCancelledError());
  }
}

/** A cancel payload: a JSON array of ids (coalesced); a comma-separated list from a web process not yet updated. */
const cancelledIds = (payload: string): string[] => (payload.startsWith("[") ? parseNotifyPayload(payload) : payload.split(","));
