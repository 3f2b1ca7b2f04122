import { env } from "@/server/config/env";
import { reapDeadWorkers } from "@/server/workers/reap-dead-workers";
import { defineHandler } from "../handler-context";
import { currentBoss } from "../boss-holder";

// The cron backstop of the reaper every worker runs every few seconds (see supervisor.ts).
export default defineHandler(async () => reapDeadWorkers(currentBoss(), env().WORKER_DEAD_AFTER_SECONDS));
