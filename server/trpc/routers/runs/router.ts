import "server-only";
import { router } from "../../init";
import { getRunProcedure } from "./get-run";

export const runsRouter = router({ get: getRunProcedure });
