import { applyRetention } from "@/server/maintenance/apply-retention";
import { env } from "@/server/config/env";
import { defineHandler } from "../handler-context";

export default defineHandler(async (params: { days?: number }, ctx) => {
  const days = params.days ?? env().RETENTION_DAYS;
  const removed = await applyRetention(days, env().STORAGE_DIR);
  ctx.log.info({ days, ...removed }, "retention applied");
  return { days, ...removed };
});
