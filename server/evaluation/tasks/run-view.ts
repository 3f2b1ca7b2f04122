import type { TDimensionScore } from "../model";

type TStoredCompression = { turn: number; phase: string; trigger: string; tokensBefore: number | null; tokensAfter: number | null; source: string; createdAt: Date };

/** A stored run as the dashboard and /api/v1 see it: typed JSON columns, compressions with their time. */
export function toRunView<T extends { scores: unknown; breaking: unknown; compressions: TStoredCompression[] }>(run: T) {
  return {
    ...run,
    scores: run.scores as TDimensionScore[] | null,
    breaking: run.breaking as { dimension: string; reason: string }[] | null,
    compressions: run.compressions.map((c) => ({ turn: c.turn, phase: c.phase, trigger: c.trigger, tokensBefore: c.tokensBefore, tokensAfter: c.tokensAfter, source: c.source, at: c.createdAt })),
  };
}
