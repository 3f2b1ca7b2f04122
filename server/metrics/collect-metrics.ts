import "server-only";
import { logger } from "@/server/logger";
import { clusterHttpMetrics } from "./cluster-metrics";
import { httpFamilies } from "./http-families";
import { jobFamilies } from "./job-families";
import { renderFamilies, type TFamily } from "./prometheus-text";

/** The whole /api/metrics body. A database outage still answers (mb_database_up 0, HTTP figures). */
export async function collectMetrics(deadAfterSeconds: number): Promise<string> {
  let jobs: TFamily[] = [];
  let up = 1;
  try {
    jobs = await jobFamilies(deadAfterSeconds);
  } catch (err) {
    up = 0;
    logger.warn({ err }, "metrics: database unreachable");
  }
  const memory = process.memoryUsage();
  return renderFamilies([
    { name: "mb_database_up", help: "1 when the database answered this scrape.", type: "gauge", samples: [{ value: up }] },
    ...jobs,
    ...httpFamilies(await clusterHttpMetrics()),
    { name: "process_resident_memory_bytes", help: "Resident memory of this web process.", type: "gauge", samples: [{ value: memory.rss }] },
    { name: "process_start_time_seconds", help: "Start of this web process (Unix time).", type: "gauge", samples: [{ value: Math.round(Date.now() / 1000 - process.uptime()) }] },
  ]);
}
