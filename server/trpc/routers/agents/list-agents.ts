import "server-only";
import { listAgents } from "@/server/agents/registry";
import { agentsConfig } from "@/server/config/env";
import { orgProcedure } from "../../init";
import { ZListAgentsInput, ZListAgentsOutput } from "./list-agents.schema";

// Which agents this deployment can run, with installed state and version (probed once, then cached).
export const listAgentsProcedure = orgProcedure
  .input(ZListAgentsInput)
  .output(ZListAgentsOutput)
  .query(() => listAgents(agentsConfig()));
