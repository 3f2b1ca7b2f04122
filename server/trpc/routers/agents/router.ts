import "server-only";
import { router } from "../../init";
import { listAgentsProcedure } from "./list-agents";

export const agentsRouter = router({ list: listAgentsProcedure });
