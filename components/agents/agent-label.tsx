"use client";

import { Badge } from "@/components/ui/badge";
import { useAgents } from "./use-agents";

/** Sim agent ids are reserved (sim-*), so a label can say "simulated" before the agents list has loaded. */
const looksSimulated = (agentId: string) => agentId.startsWith("sim-");

export function SimulatedBadge() {
  return (
    <Badge tone="violet" title="A simulated agent shipped with Memory-Break, not a real coding agent">
      simulated
    </Badge>
  );
}

/** An agent's id, its label as a tooltip, and a "simulated" badge for sim agents. */
export function AgentLabel({ agentId, trial }: { agentId: string; trial?: number }) {
  const agents = useAgents();
  const agent = agents.data?.find((a) => a.id === agentId);
  const simulated = agent ? agent.simulated : looksSimulated(agentId);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="font-medium" title={agent?.label}>
        {agentId}
        {trial !== undefined ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> #{trial}</span> : null}
      </span>
      {simulated ? <SimulatedBadge /> : null}
    </span>
  );
}
