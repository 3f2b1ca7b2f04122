import "server-only";
import { router } from "../../init";
import { healthCheckProcedure } from "./check";

export const healthRouter = router({ check: healthCheckProcedure });
