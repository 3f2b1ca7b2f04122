#!/usr/bin/env node
// The model simulator: a deterministic model server speaking Anthropic Messages, Gemini generateContent and OpenAI
// chat completions for the real agent CLIs (server/model-sim/README.md). Prints {"url","port","profile"} when ready.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/model-sim/cli.ts");
await main(process.argv.slice(2));
