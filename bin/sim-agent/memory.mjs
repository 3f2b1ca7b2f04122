import seedrandom from "seedrandom";
import { condenseDiff, condenseFile } from "./code-facts.mjs";
import { makeNote } from "./notes.mjs";
import { countTokens } from "./tokens.mjs";

// Bounded memory: when the notes outgrow the context limit, compress. Each older note survives with the profile's
// probability (seeded by seed, session and compression count), survivors are condensed, and a summary note
// lists the files seen. Notes of the current turn are the live context and always stay.

const PINNED_KINDS = new Set(["rule", "statement", "correction"]);
const CHATTER_KINDS = new Set(["prompt", "reply", "summary"]);
/** After compressing, memory is cut down to this share of the limit (oldest first) if still larger. */
const TARGET_SHARE = 0.6;

export const memoryTokens = (session) => session.notes.reduce((n, note) => n + note.tokens, 0);

/** Returns the compression event, or null when memory fits. */
export function compressIfNeeded(session, profile, contextLimit) {
  const before = memoryTokens(session);
  if (before <= contextLimit) return null;
  const random = seedrandom(`${session.seed}:${session.id}:${session.compressions}`);
  const seen = new Set(session.notes.flatMap((n) => (n.kind === "summary" ? n.paths : n.path ? [n.path] : [])));
  const kept = [];
  for (const note of session.notes) {
    const roll = random(); // one draw per note, whatever its kind, so outcomes stay stable
    if (note.turn === session.turn) {
      kept.push(note);
      continue;
    }
    if (CHATTER_KINDS.has(note.kind)) continue;
    const chance = PINNED_KINDS.has(note.kind) ? profile.ruleRetention : profile.retention;
    if (roll < chance) kept.push(condense(note));
  }
  const paths = [...seen].sort();
  const summary = makeNote(session, {
    kind: "summary",
    paths,
    text: `Summary of the conversation so far: we studied a code change touching ${paths.map((p) => `\`${p}\``).join(", ") || "some files"}.`,
  });
  session.notes = [summary, ...kept];
  // Still too large: drop the oldest notes (never the current turn's or the summary).
  const target = Math.floor(contextLimit * TARGET_SHARE);
  while (memoryTokens(session) > target) {
    const index = session.notes.findIndex((n) => n.kind !== "summary" && n.turn !== session.turn);
    if (index < 0) break;
    session.notes.splice(index, 1);
  }
  session.compressions += 1;
  return { type: "compression", trigger: "auto", tokens_before: before, tokens_after: memoryTokens(session) };
}

function condense(note) {
  if (note.condensed) return note;
  const text = note.kind === "diff" ? condenseDiff(note.text) : note.kind === "file" ? condenseFile(note.text) : note.text;
  return { ...note, text, tokens: countTokens(text), condensed: true };
}
