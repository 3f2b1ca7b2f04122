import type { TJobTypeName } from "@/server/jobs/catalog";
import type { TJobHandler } from "../handler-context";
import evalFinish from "./eval-finish";
import evalJudge from "./eval-judge";
import evalPrepare from "./eval-prepare";
import evalRun from "./eval-run";
import maintenanceDatabase from "./maintenance-database";
import maintenanceReaper from "./maintenance-reaper";
import maintenanceRetention from "./maintenance-retention";
import systemNoop from "./system-noop";
import systemSleep from "./system-sleep";

// Every catalog entry has exactly one handler; the type makes a missing one a compile error.
export const HANDLERS: Record<TJobTypeName, TJobHandler<never>> = {
  "system.noop": systemNoop,
  "system.sleep": systemSleep,
  "maintenance.retention": maintenanceRetention,
  "maintenance.reaper": maintenanceReaper,
  "maintenance.database": maintenanceDatabase,
  "eval.prepare": evalPrepare,
  "eval.run": evalRun,
  "eval.judge": evalJudge,
  "eval.finish": evalFinish,
};
