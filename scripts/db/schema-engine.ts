// Loads Prisma's wasm schema engine. The native engine binary cannot be downloaded here, and
// Node 20 cannot import .wasm as ESM, so we instantiate the module ourselves around its JS glue.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type { SchemaEngine };

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;

/** Instantiates the wasm module once per process (the glue keeps it in module state). */
function initWasm(): Promise<void> {
  ready ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    // The glue reports Rust panics through this hook; without it a panic is an opaque "unreachable".
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error(`schema engine panic: ${m}`) };
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": unrefTimers(glue) });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return ready;
}

/**
 * The engine arms 10 s timeouts (e.g. around its advisory lock) that it never clears, which
 * kept the process alive 10 s after every operation. Unref'd timers still fire, but do not
 * hold the event loop.
 */
function unrefTimers(imports: object): WebAssembly.ModuleImports {
  const patched: Record<string, unknown> = { ...imports };
  for (const key of Object.keys(patched).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
    patched[key] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
  }
  return patched as WebAssembly.ModuleImports;
}

/** Engine log lines are debug noise unless asked for. */
function onLog(line: string): void {
  if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
}

/** Creates an engine that talks to the database through the given driver adapter factory. */
export async function createSchemaEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await initWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  return glue.SchemaEngine.new({ datamodels: undefined }, onLog, bound);
}
