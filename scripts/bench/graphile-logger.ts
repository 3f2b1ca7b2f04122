import { Logger } from "graphile-worker";

/** graphile-worker logs every job at info level; only warnings and errors are worth printing during a bench. */
export const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[graphile ${level}] ${message}`);
});
