// Expected failures (bad config, unreachable database, engine-reported errors) are shown as one
// message without a stack; anything else is a bug and keeps its stack.
export class DbScriptError extends Error {
  override name = "DbScriptError";
}

/**
 * Engine errors arrive as JS errors whose message is Prisma's user-facing text followed by a Rust
 * span trace ("   0: schema_engine_wasm::..."); keep the text only.
 */
export function engineError(action: string, err: unknown): DbScriptError {
  if (err instanceof DbScriptError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const text = message.split(/\n\s*0: /)[0]!.trim();
  return new DbScriptError(`${action} failed: ${text}`);
}
