import { AgentLabel } from "@/components/agents/agent-label";
import { formatPercent, formatScore } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { EmptyMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import type { TRunView } from "./types";

type TScore = NonNullable<TRunView["scores"]>[number];

const CELL = "px-3 py-2 align-top";

function ScoreCell({ score }: { score: TScore | undefined }) {
  if (!score) return <span className="text-zinc-400">—</span>;
  return (
    <div title={score.reason} className="flex flex-col">
      <span className={`font-medium tabular-nums ${score.passed ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
        {formatScore(score.score)} <span className="sr-only">{score.passed ? "passed" : "below threshold"}</span>
      </span>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">
        base {formatScore(score.baseline)} · kept {formatPercent(score.retention)} · ≥ {formatScore(score.threshold)}
      </span>
    </div>
  );
}

/** Per run and dimension: the score after compression, the baseline before it, retention and the threshold. */
export function ScoresPanel({ runs, dimensions }: { runs: TRunView[]; dimensions: string[] }) {
  const scored = runs.filter((r) => r.scores !== null || r.scoringError !== null);
  return (
    <Panel title="Scores">
      {scored.length === 0 ? (
        <EmptyMessage>Scores appear as runs are judged.</EmptyMessage>
      ) : (
        <DataTable caption="Scores per dimension" headers={["Run", ...dimensions, "Overall", "Breaking"]}>
          {scored.map((run) => (
            <tr key={run.id} className={ROW_CLASS}>
              <th scope="row" className={`${CELL} text-left font-normal`}>
                <AgentLabel agentId={run.agentId} trial={run.trial} />
              </th>
              {dimensions.map((d) => (
                <td key={d} className={CELL}>
                  <ScoreCell score={run.scores?.find((s) => s.dimension === d)} />
                </td>
              ))}
              <td className={`${CELL} font-semibold tabular-nums`}>{formatScore(run.overall)}</td>
              <td className={`${CELL} text-xs`}>
                {run.scoringError ? <p className="text-red-600 dark:text-red-400">Judge failed: {run.scoringError}</p> : null}
                {run.breaking?.length ? (
                  <ul className="flex flex-col gap-0.5">
                    {run.breaking.map((b) => (
                      <li key={b.dimension}>
                        <span className="font-medium">{b.dimension}</span>: {b.reason}
                      </li>
                    ))}
                  </ul>
                ) : run.passed ? (
                  <span className="text-emerald-700 dark:text-emerald-400">none</span>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
