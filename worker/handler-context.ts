import type { Logger } from "pino";

/** What a job handler gets besides its params. */
export type THandlerContext = {
  jobId: string;
  attempt: number;
  /** Aborted on cancel, soft timeout, hard timeout or shutdown: stop work and kill child processes. */
  signal: AbortSignal;
  /** 0..100 with an optional message; throttled, cheap to call often. */
  progress: (percent: number, message?: string) => void;
  log: Logger;
};

export type TJobHandler<TParams = Record<string, unknown>, TResult = unknown> = (params: TParams, ctx: THandlerContext) => Promise<TResult>;

export function defineHandler<TParams, TResult>(handler: TJobHandler<TParams, TResult>): TJobHandler<TParams, TResult> {
  return handler;
}
