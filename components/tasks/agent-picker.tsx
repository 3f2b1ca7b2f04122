"use client";

import { SimulatedBadge } from "@/components/agents/agent-label";
import { useAgents } from "@/components/agents/use-agents";
import { Fieldset } from "@/components/ui/fieldset";
import { ErrorMessage, LoadingMessage } from "@/components/ui/state-message";

type TProps = { selected: string[]; error?: string; onChange: (agents: string[]) => void };

/** One checkbox per agent of the registry, with its installed state; agents that are not installed cannot be chosen. */
export function AgentPicker({ selected, error, onChange }: TProps) {
  const agents = useAgents();
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((a) => a !== id));
  return (
    <Fieldset legend="Agents" hint="Each chosen agent runs the whole session once per trial." error={error}>
      {agents.isPending ? <LoadingMessage>Loading agents…</LoadingMessage> : null}
      {agents.isError ? <ErrorMessage title="Could not load agents" message={agents.error.message} onRetry={() => void agents.refetch()} /> : null}
      <ul className="grid gap-2 sm:grid-cols-2">
        {(agents.data ?? []).map((agent) => {
          const statusId = `agent-${agent.id}-status`;
          return (
            <li key={agent.id} className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
              <label className={`flex items-start gap-2 text-sm ${agent.installed ? "" : "opacity-60"}`}>
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  name="agents"
                  value={agent.id}
                  checked={selected.includes(agent.id)}
                  disabled={!agent.installed}
                  aria-describedby={statusId}
                  onChange={(e) => toggle(agent.id, e.target.checked)}
                />
                <span className="flex flex-col">
                  <span className="font-medium">{agent.id}</span>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">{agent.label}</span>
                </span>
              </label>
              <p id={statusId} className="mt-1 flex flex-wrap items-center gap-1.5 pl-6 text-xs">
                {agent.simulated ? <SimulatedBadge /> : null}
                {agent.installed ? (
                  <span className="text-emerald-700 dark:text-emerald-400">installed{agent.version ? ` · ${agent.version}` : ""}</span>
                ) : (
                  <span className="line-clamp-2 text-amber-700 dark:text-amber-400" title={agent.problem}>
                    not installed{agent.problem ? `: ${agent.problem}` : ""}
                  </span>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </Fieldset>
  );
}
