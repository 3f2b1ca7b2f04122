// Side-by-side comparison of two agents on the tasks both ran: paired per-task differences (A − B) of the
// overall score and of each dimension, with a 95% interval and wins/losses/ties.
import { DIMENSIONS, type TDimension } from "../model";
import type { TLeaderboardRow } from "./build-leaderboard";
import { pairedComparison, type TPairedComparison } from "./stats";

export type TAgentComparison = {
  agentA: string;
  agentB: string;
  overall: TPairedComparison;
  dimensions: Record<TDimension, TPairedComparison>;
};

export function compareAgents(rows: readonly TLeaderboardRow[], agentA: string, agentB: string): TAgentComparison {
  const side = (agentId: string, pick: (row: TLeaderboardRow) => number | null | undefined) =>
    rows.filter((r) => r.agentId === agentId).map((r) => ({ taskId: r.taskId, value: pick(r) ?? null }));
  const compare = (pick: (row: TLeaderboardRow) => number | null | undefined) => pairedComparison(side(agentA, pick), side(agentB, pick));
  return {
    agentA,
    agentB,
    overall: compare((r) => r.overall),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, compare((r) => r.dimensions[d])])) as Record<TDimension, TPairedComparison>,
  };
}
