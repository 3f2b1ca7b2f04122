import "server-only";
import { pgPool } from "../../db/pg-pool";
import { jobNotifier } from "../../notify/job-notifier";
import { CHANNELS } from "../job-channels";

/** Writes a running attempt's progress (0..100) and message. Ignored once the attempt is no longer the active one. */
export async function reportProgress(id: string, attempt: number, percent: number, message?: string): Promise<void> {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const { rowCount } = await pgPool().query(
    `UPDATE "Job" SET progress = $3, "progressMessage" = $4, "updatedAt" = now()
     WHERE id = $1::uuid AND attempt = $2 AND status = 'active'`,
    [id, attempt, clamped, message ?? null],
  );
  if (rowCount) jobNotifier().notify(CHANNELS.status, id);
}
