import { setTimeout as sleep } from "node:timers/promises";
import { defineHandler } from "../handler-context";

type TParams = { seconds: number; steps: number; failAttempts: number; ignoreAbort: boolean };

export default defineHandler(async (params: TParams, ctx) => {
  if (ctx.attempt <= params.failAttempts) {
    throw new Error(`failing attempt ${ctx.attempt} of ${params.failAttempts} on purpose`);
  }
  const stepMs = (params.seconds * 1000) / params.steps;
  for (let step = 1; step <= params.steps; step++) {
    await sleep(stepMs, undefined, params.ignoreAbort ? {} : { signal: ctx.signal });
    ctx.progress((step / params.steps) * 100, `slept ${((step * stepMs) / 1000).toFixed(1)} s`);
  }
  return { sleptSeconds: params.seconds, attempt: ctx.attempt };
});
