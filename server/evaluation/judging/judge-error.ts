// What a judge returns, and the one error every judge throws. A JudgeError means "no score": the caller marks
// the run's scoring failed (retryable) instead of recording anything made up.

export type TJudgement = { score: number; rationale: string };

export type TJudgeErrorKind = "http" | "network" | "timeout" | "malformed" | "invalid-question" | "internal";

export class JudgeError extends Error {
  constructor(
    public readonly kind: TJudgeErrorKind,
    message: string,
    /** HTTP status of the last reply, when there was one. */
    public readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "JudgeError";
  }
}

/** The first `max` characters of a reply, on one line, for error messages. */
export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
