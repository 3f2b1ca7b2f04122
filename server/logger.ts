import pino, { type Logger } from "pino";

// Structured JSON logs on stdout. Level from LOG_LEVEL (read here rather than via env() so the logger works before config is valid).
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.MB_SERVICE ?? "web" },
  redact: { paths: ["*.password", "*.secret", "*.token", "headers.authorization", "headers.cookie"], remove: true },
});
