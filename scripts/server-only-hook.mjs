// `node --import ./scripts/server-only-hook.mjs`: `import "server-only"` resolves to an empty module, as it does inside
// Next's server bundles. For processes that load server/ code directly next to Next itself (scripts/web-server.ts),
// where `--conditions=react-server` would also switch Next's own `react` imports to the server build.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
