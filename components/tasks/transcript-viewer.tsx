import { formatDuration, formatInteger } from "@/components/ui/format";
import { EmptyMessage } from "@/components/ui/state-message";

/** One transcript line as the run writes it (JSONL); read defensively, the file is the agent's raw record. */
type TTurn = { turn: number; phase: string; prompt: string; reply: string; inputTokens?: number; outputTokens?: number; compressions: number; durationMs?: number };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const text = (v: unknown) => (typeof v === "string" ? v : "");

function toTurn(raw: unknown, index: number): TTurn {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const usage = (r.usage && typeof r.usage === "object" ? r.usage : {}) as Record<string, unknown>;
  return {
    turn: num(r.turn) ?? index + 1,
    phase: text(r.phase) || "unknown",
    prompt: text(r.prompt),
    reply: text(r.reply),
    inputTokens: num(usage.inputTokens),
    outputTokens: num(usage.outputTokens),
    compressions: Array.isArray(r.compressions) ? r.compressions.length : 0,
    durationMs: num(r.durationMs),
  };
}

const BLOCK = "max-h-72 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-950";

/** Every prompt and reply of the run, one collapsible turn each, with usage and a mark where the CLI compressed. */
export function TranscriptViewer({ transcript }: { transcript: unknown[] }) {
  if (transcript.length === 0) return <EmptyMessage>No transcript yet.</EmptyMessage>;
  const turns = transcript.map(toTurn);
  return (
    <ol aria-label="Transcript" className="flex flex-col gap-2">
      {turns.map((t, i) => (
        <li key={i}>
          <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
            <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <span className="font-medium">Turn {t.turn}</span>
              <span className="text-zinc-500 dark:text-zinc-400">{t.phase}</span>
              {t.inputTokens !== undefined ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {formatInteger(t.inputTokens)} in / {formatInteger(t.outputTokens)} out
                </span>
              ) : null}
              {t.durationMs !== undefined ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatDuration(t.durationMs)}</span> : null}
              {t.compressions > 0 ? (
                <span className="rounded-full bg-amber-100 px-2 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-300">compressed</span>
              ) : null}
              <span className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400">{t.prompt.slice(0, 140)}</span>
            </summary>
            <div className="grid gap-3 border-t border-zinc-200 p-3 md:grid-cols-2 dark:border-zinc-800">
              <section aria-label={`Prompt of turn ${t.turn}`}>
                <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Prompt</h4>
                <pre className={BLOCK}>{t.prompt}</pre>
              </section>
              <section aria-label={`Reply of turn ${t.turn}`}>
                <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Reply</h4>
                <pre className={BLOCK}>{t.reply}</pre>
              </section>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
