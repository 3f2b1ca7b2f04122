#!/usr/bin/env node
// The simulated agent: a real executable that speaks like an agent CLI (JSONL on stdout), with a bounded memory
// that compresses and forgets deterministically. See bin/sim-agent/README.md for the protocol.
import { readFileSync } from "node:fs";
import { answer } from "./sim-agent/answer.mjs";
import { readArgs, USAGE, UsageError } from "./sim-agent/args.mjs";
import { compressIfNeeded, memoryTokens } from "./sim-agent/memory.mjs";
import { makeNote, namedFiles, notesFromPrompt, readFileNote } from "./sim-agent/notes.mjs";
import { findProfile, PROFILES } from "./sim-agent/profiles.mjs";
import { loadSession, newSession, saveSession } from "./sim-agent/session-store.mjs";
import { countTokens } from "./sim-agent/tokens.mjs";

const VERSION = "sim-agent 1.0.0";
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main() {
  const args = readArgs(process.argv.slice(2));
  if (args.command === "list-profiles") {
    emit(PROFILES.map(({ id, label, retention, description }) => ({ id, label, retention, description })));
    return 0;
  }
  if (args.command === "version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!findProfile(args.profile)) {
    throw new UsageError(`unknown profile "${args.profile}"; known: ${PROFILES.map((p) => p.id).join(", ")}`);
  }
  const prompt = readFileSync(0, "utf8");
  if (!prompt.trim()) throw new UsageError("empty prompt on stdin");

  let session;
  if (args.resume) {
    session = await loadSession(args.sessionDir, args.resume);
    if (!session) {
      const message = `unknown session "${args.resume}" in ${args.sessionDir}`;
      process.stderr.write(`sim-agent: ${message}\n`);
      emit({ type: "result", session_id: args.resume, usage: { input_tokens: 0, output_tokens: 0, context_tokens: 0 }, duration_ms: 0, is_error: true, error: message });
      return 1;
    }
  } else {
    session = newSession({ sessionDir: args.sessionDir, profile: args.profile, seed: args.seed, prompt });
  }
  // A session keeps the profile and seed it was started with.
  const profile = findProfile(session.profile);
  session.turn += 1;
  emit({ type: "init", session_id: session.id });

  const structured = notesFromPrompt(session, prompt);
  session.notes.push(...(structured.length > 0 ? structured : [makeNote(session, { kind: "prompt", text: prompt })]));
  const files = namedFiles(prompt, process.cwd());
  for (const file of files) {
    emit({ type: "tool", name: "read_file", path: file });
    session.notes = session.notes.filter((n) => !(n.kind === "file" && n.path === file));
    session.notes.push(readFileNote(session, process.cwd(), file));
  }
  const inputTokens = memoryTokens(session);

  const compression = compressIfNeeded(session, profile, args.contextLimit);
  if (compression) emit(compression);

  const text = answer(prompt, session.notes);
  const outputTokens = countTokens(text);
  session.notes.push(makeNote(session, { kind: "reply", text }));
  emit({ type: "assistant", text });
  await saveSession(args.sessionDir, session);
  emit({
    type: "result",
    session_id: session.id,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens, context_tokens: memoryTokens(session) },
    // Simulated, so that transcripts are identical for the same seed.
    duration_ms: 150 + outputTokens * 6 + files.length * 20,
    is_error: false,
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`sim-agent: ${error.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`sim-agent: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
