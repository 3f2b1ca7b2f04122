// The LLM judge: scores open questions through any OpenAI-compatible chat completions API (JSON mode,
// temperature 0). Retries 429, 5xx, network errors and timeouts with exponential backoff (honouring
// Retry-After); a reply it cannot read is a JudgeError, never a score.
import type { TQuestion } from "../model";
import { renderCodeWithinBudget, DEFAULT_CODE_BUDGET_CHARS, type TCodeFile } from "./code-budget";
import { JudgeError, snippet, type TJudgement } from "./judge-error";
import { JUDGE_SYSTEM_PROMPT, renderJudgeUserPrompt } from "./judge-prompt";
import { readJudgeReply } from "./read-judge-reply";

export type TLlmJudgeConfig = {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First backoff; doubles each retry, capped at maxBackoffMs. */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  codeBudgetChars?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type TOpenJudgeInput = {
  question: Pick<TQuestion, "id" | "dimension" | "prompt">;
  answer: string;
  baselineAnswer?: string;
  relevantCode: TCodeFile[];
};

export type TLlmJudge = {
  model: string;
  judgeOpen(input: TOpenJudgeInput, options?: { signal?: AbortSignal }): Promise<TJudgement>;
};

export function createLlmJudge(config: TLlmJudgeConfig): TLlmJudge {
  const settings = {
    url: `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`,
    timeoutMs: config.timeoutMs ?? 60_000,
    maxRetries: config.maxRetries ?? 4,
    retryBaseMs: config.retryBaseMs ?? 1_000,
    maxBackoffMs: config.maxBackoffMs ?? 60_000,
    fetch: config.fetch ?? globalThis.fetch,
    sleep: config.sleep ?? sleep,
  };
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  return {
    model: config.model,
    async judgeOpen(input, options = {}) {
      const body = JSON.stringify({
        model: config.model,
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: JUDGE_SYSTEM_PROMPT },
          {
            role: "user",
            content: renderJudgeUserPrompt({
              dimension: input.question.dimension,
              question: input.question.prompt,
              answer: input.answer,
              baselineAnswer: input.baselineAnswer,
              code: renderCodeWithinBudget(input.relevantCode, config.codeBudgetChars ?? DEFAULT_CODE_BUDGET_CHARS),
            }),
          },
        ],
      });
      const replyText = await postWithRetries(settings, { method: "POST", headers, body }, options.signal);
      return readJudgeReply(replyText, input.question.id);
    },
  };
}

type TSettings = {
  url: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxBackoffMs: number;
  fetch: typeof fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

async function postWithRetries(s: TSettings, init: RequestInit, signal?: AbortSignal): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(s, init, signal);
    if (outcome.ok) return outcome.text;
    if (!outcome.retryable || attempt >= s.maxRetries) {
      const tries = attempt + 1;
      throw new JudgeError(outcome.error.kind, `${outcome.error.message} (${tries} attempt${tries === 1 ? "" : "s"})`, outcome.error.status, {
        cause: outcome.error.cause,
      });
    }
    const backoff = Math.min(s.maxBackoffMs, s.retryBaseMs * 2 ** attempt);
    await s.sleep(outcome.retryAfterMs !== undefined ? Math.min(s.maxBackoffMs, outcome.retryAfterMs) : backoff, signal);
  }
}

type TAttempt =
  | { ok: true; text: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: JudgeError };

async function attemptOnce(s: TSettings, init: RequestInit, signal?: AbortSignal): Promise<TAttempt> {
  const timeout = AbortSignal.timeout(s.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await s.fetch(s.url, { ...init, signal: combined });
    const text = await response.text();
    if (response.ok) return { ok: true, text };
    const retryable = response.status === 429 || response.status >= 500;
    const message = `Judge API ${s.url} answered HTTP ${response.status}: ${snippet(text) || "(empty body)"}`;
    return { ok: false, retryable, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")), error: new JudgeError("http", message, response.status) };
  } catch (cause) {
    if (signal?.aborted) throw new JudgeError("network", `Judge request to ${s.url} was cancelled`, undefined, { cause });
    if (timeout.aborted) return { ok: false, retryable: true, error: new JudgeError("timeout", `Judge API ${s.url} did not answer within ${s.timeoutMs} ms`) };
    const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    return { ok: false, retryable: true, error: new JudgeError("network", `Judge API ${s.url} unreachable: ${reason}`, undefined, { cause }) };
  }
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new JudgeError("network", "Judge request was cancelled"));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new JudgeError("network", "Judge request was cancelled"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
