import { AgentLabel } from "@/components/agents/agent-label";
import { StatusBadge } from "@/components/ui/badge";
import { formatDuration, formatScore, formatTokens } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { EmptyMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import { RunTimeline } from "./run-timeline";
import type { TRunView } from "./types";

const CELL = "px-3 py-2 align-top";
const HEADERS = ["Run", "Status", "Phases", "Turns", "Tokens in/out", "Duration", "Overall", "Result"];

export const runName = (run: Pick<TRunView, "agentId" | "trial">) => `${run.agentId} #${run.trial}`;

/** One row per agent run: live status, the phase timeline with compression markers, usage and the overall score. */
export function RunsPanel({ runs }: { runs: TRunView[] }) {
  return (
    <Panel title="Runs">
      {runs.length === 0 ? (
        <EmptyMessage>No runs yet: they start once the change is prepared.</EmptyMessage>
      ) : (
        <DataTable caption="Agent runs" headers={HEADERS}>
          {runs.map((run) => (
            <tr key={run.id} className={ROW_CLASS}>
              <th scope="row" className={`${CELL} text-left font-normal`}>
                <AgentLabel agentId={run.agentId} trial={run.trial} />
              </th>
              <td className={CELL}>
                <StatusBadge status={run.status} />
                {run.errorMessage ? (
                  <p className="mt-1 max-w-56 text-xs text-red-600 dark:text-red-400" title={run.errorMessage}>
                    {run.errorMessage}
                  </p>
                ) : null}
              </td>
              <td className={`${CELL} min-w-80`}>
                <RunTimeline run={run} label={`Phases of ${runName(run)}`} />
              </td>
              <td className={`${CELL} tabular-nums`}>{run.turns}</td>
              <td className={`${CELL} whitespace-nowrap tabular-nums`}>
                {formatTokens(run.inputTokens)} / {formatTokens(run.outputTokens)}
              </td>
              <td className={`${CELL} whitespace-nowrap tabular-nums`}>{formatDuration(run.durationMs)}</td>
              <td className={`${CELL} tabular-nums font-medium`}>{formatScore(run.overall)}</td>
              <td className={CELL}>
                {run.passed === null ? (
                  <span className="text-zinc-400">—</span>
                ) : run.passed ? (
                  <span className="font-medium text-emerald-700 dark:text-emerald-400">pass</span>
                ) : (
                  <span className="font-medium text-red-700 dark:text-red-400">fail</span>
                )}
                {run.scoringError ? <p className="mt-1 max-w-56 text-xs text-red-600 dark:text-red-400">Judge failed: {run.scoringError}</p> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
