import { existsSync, lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import { diffFacts } from "./code-facts.mjs";
import { countTokens } from "./tokens.mjs";

// Turns a prompt into memory notes: quoted diffs, the session's rule, statements and corrections, files it names.

const FENCED_DIFF = /^(`{3,})diff\n([\s\S]*?)\n\1$/gm;
const RULE = /begin every answer to a question marked (\S+) with the tag (\S+)/i;
const STATEMENT = /Remember this for later: (.+?) is `([^`]+)`/i;
const CORRECTION = /Correction: (.+?) is now `([^`]+)`; forget `([^`]+)`/i;
const MAX_FILE_LINES = 400;

export function makeNote(session, fields) {
  const note = { id: session.nextNoteId++, turn: session.turn, ...fields };
  note.tokens = countTokens(note.text);
  return note;
}

/** Structured notes found in the prompt (no file reads). */
export function notesFromPrompt(session, prompt) {
  const notes = [];
  for (const match of prompt.matchAll(FENCED_DIFF)) {
    const text = match[2];
    notes.push(makeNote(session, { kind: "diff", path: diffFacts(text).path, text }));
  }
  const rule = RULE.exec(prompt);
  if (rule) notes.push(makeNote(session, { kind: "rule", marker: rule[1], tag: rule[2], text: rule[0] }));
  const correction = CORRECTION.exec(prompt);
  if (correction) {
    notes.push(makeNote(session, { kind: "correction", subject: normalize(correction[1]), value: correction[2], text: correction[0] }));
  } else {
    const statement = STATEMENT.exec(prompt);
    if (statement) notes.push(makeNote(session, { kind: "statement", subject: normalize(statement[1]), value: statement[2], text: statement[0] }));
  }
  return notes;
}

/** Repo-relative paths the prompt names (in backticks) that are files inside cwd, in order of first mention. */
export function namedFiles(prompt, cwd) {
  const root = path.resolve(cwd);
  const found = [];
  for (const [, candidate] of prompt.matchAll(/`([^`\s]+)`/g)) {
    if (found.includes(candidate) || path.isAbsolute(candidate) || !/[./]/.test(candidate)) continue;
    const full = path.resolve(root, candidate);
    if (!full.startsWith(root + path.sep)) continue;
    try {
      // lstat: a symlink in the repository is not followed out of the workspace.
      if (existsSync(full) && lstatSync(full).isFile() && lstatSync(full).size <= 512 * 1024) found.push(candidate);
    } catch {
      // unreadable: not a file for us
    }
  }
  return found;
}

export function readFileNote(session, cwd, file) {
  const content = readFileSync(path.join(cwd, file), "utf8").split("\n").slice(0, MAX_FILE_LINES).join("\n");
  return makeNote(session, { kind: "file", path: file, text: content });
}

export const normalize = (s) => s.toLowerCase().replace(/[`'"]/g, "").replace(/\s+/g, " ").trim();
