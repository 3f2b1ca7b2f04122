import { SESSION_PHASES, type TSessionPhase } from "@/server/evaluation/model";
import type { TRunView } from "./types";

type TPhaseState = "done" | "current" | "stopped" | "pending";

const BAR: Record<TPhaseState, string> = {
  done: "bg-emerald-500",
  current: "animate-pulse bg-blue-500",
  stopped: "bg-red-500",
  pending: "bg-zinc-200 dark:bg-zinc-700",
};

/** Where a run is in its five phases: before its phase done, its phase current (or where it stopped), the rest pending. */
export function phaseStates(run: Pick<TRunView, "status" | "phase">): Record<TSessionPhase, TPhaseState> {
  const at = SESSION_PHASES.indexOf(run.phase as TSessionPhase);
  const stateOf = (i: number): TPhaseState => {
    if (run.status === "completed" || run.status === "judging") return "done";
    if (run.status === "queued" || at < 0) return "pending";
    if (i < at) return "done";
    if (i > at) return "pending";
    return run.status === "running" ? "current" : "stopped";
  };
  return Object.fromEntries(SESSION_PHASES.map((p, i) => [p, stateOf(i)])) as Record<TSessionPhase, TPhaseState>;
}

function compressionLabel(c: TRunView["compressions"][number]): string {
  const tokens = c.tokensBefore !== null && c.tokensAfter !== null ? `: ${c.tokensBefore.toLocaleString("en-US")} → ${c.tokensAfter.toLocaleString("en-US")} tokens` : "";
  return `Compression at turn ${c.turn} (${c.trigger})${tokens}`;
}

/** Five segments, one per phase, with a marker per compression event inside the phase it happened in. */
export function RunTimeline({ run, label }: { run: TRunView; label: string }) {
  const states = phaseStates(run);
  return (
    <ol aria-label={label} className="flex min-w-80 gap-1">
      {SESSION_PHASES.map((phase) => {
        const compressions = run.compressions.filter((c) => c.phase === phase);
        const state = states[phase];
        const summary = `${phase}: ${state}${compressions.length ? `, ${compressions.length} compression${compressions.length > 1 ? "s" : ""}` : ""}`;
        return (
          <li key={phase} className="flex flex-1 flex-col gap-0.5" title={summary}>
            <span className="sr-only">{summary}</span>
            <div aria-hidden className={`h-2 rounded-sm ${BAR[state]}`} />
            <div className="relative h-3">
              {compressions.map((c, i) => (
                <span
                  key={`${c.turn}-${i}`}
                  role="img"
                  aria-label={compressionLabel(c)}
                  title={compressionLabel(c)}
                  className="absolute top-0 size-2.5 -translate-x-1/2 rotate-45 bg-amber-500 ring-1 ring-white dark:ring-zinc-900"
                  style={{ left: `${((i + 1) / (compressions.length + 1)) * 100}%` }}
                />
              ))}
            </div>
            <span aria-hidden className="truncate text-[10px] leading-none text-zinc-500 dark:text-zinc-400">
              {phase}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
