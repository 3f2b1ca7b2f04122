import { z } from "zod";

export const ZListAgentsInput = z.object({}).strict().optional();
export const ZAgentView = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["cli", "custom", "sim"]),
  simulated: z.boolean(),
  installed: z.boolean(),
  version: z.string().optional(),
  binaryPath: z.string().optional(),
  problem: z.string().optional(),
});
export const ZListAgentsOutput = z.array(ZAgentView);
