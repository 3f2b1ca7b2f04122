import seedrandom from "seedrandom";
import { SUMMARY_HEADER } from "./memory";
import { kit, type TNote } from "./sim-agent-kit";
import type { TSimProfile } from "./types";

// The summary the simulated model writes when a CLI compacts its context. It keeps each fact of the conversation
// with the profile's chance (a draw seeded by the fact itself), in the order the facts came, in the very sentences the
// pipeline used, so a later answer can only use what the summary kept. Prompts and replies are never kept; code is
// condensed; a fact the conversation repeats is written once.

export const MODEL_SIM_PROFILES: TSimProfile[] = [
  {
    id: "thorough",
    description: "Keeps every diff (condensed), every file's declarations, the rule, statements and corrections.",
    retention: 1,
    ruleRetention: 1,
  },
  {
    id: "lossy",
    description: "Keeps about 40% of the code facts and a fifth of the rules, statements and corrections.",
    retention: 0.4,
    ruleRetention: 0.2,
  },
  {
    id: "forgets-instructions",
    description: "Keeps most code facts but usually drops the rule, statements and corrections.",
    retention: 0.9,
    ruleRetention: 0.1,
  },
];

export const DEFAULT_PROFILE = "thorough";

export function findProfile(id: string): TSimProfile | undefined {
  return MODEL_SIM_PROFILES.find((profile) => profile.id === id);
}

const PINNED = new Set<TNote["kind"]>(["rule", "statement", "correction"]);

function fence(body: string, info: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  return `${marks}${info}\n${body}\n${marks}`;
}

function keptSection(note: TNote): string | undefined {
  if (PINNED.has(note.kind)) return note.kind === "rule" ? `Working agreement: ${note.text}` : note.text;
  if (note.kind === "diff") return `Studied \`${note.path ?? "?"}\`:\n${fence(kit.condenseDiff(note.text), "diff")}`;
  if (note.kind === "file" && note.path) {
    const declarations = note.condensed ? note.text : kit.condenseFile(note.text);
    return declarations.trim() ? `Declarations of \`${note.path}\`:\n${fence(declarations, "text")}` : undefined;
  }
  return undefined;
}

/**
 * One fact's draw: a function of the seed, the profile, the round and the fact itself (its kind, file and sentence),
 * not of its position. A CLI may repeat a part of its history, and not the same way every time (Gemini CLI, resumed,
 * was seen sending one file read two or three times in otherwise identical runs); with one draw per position every
 * fact after the repeat got another fate, so the same task kept the rule in one run and dropped it in the next.
 */
function draw(note: TNote, profile: TSimProfile, seed: number, round: number): number {
  return seedrandom(`${seed}:${profile.id}:${round}:${note.kind}:${note.path ?? ""}:${note.text}`)();
}

/**
 * The summary of `notes` under `profile`. `round` (how many summaries the conversation already holds) and the seed
 * pick the draws, one per distinct fact, so the same facts always get the same summary, however often they appear.
 */
export function writeSummary(notes: TNote[], profile: TSimProfile, seed: number, round: number, workspace?: string): string {
  const paths = new Set<string>();
  const sections: string[] = [];
  for (const note of notes) {
    for (const p of note.kind === "summary" ? (note.paths ?? []) : note.path && (note.kind === "diff" || note.kind === "file") ? [note.path] : []) paths.add(p);
    const chance = PINNED.has(note.kind) ? profile.ruleRetention : profile.retention;
    if (draw(note, profile, seed, round) >= chance) continue;
    const section = keptSection(note);
    if (section !== undefined && !sections.includes(section)) sections.push(section);
  }
  const files = [...paths].sort().map((p) => `\`${p}\``).join(", ");
  const header = `${SUMMARY_HEADER}, profile ${profile.id}): we studied a code change touching ${files || "some files"}.`;
  return [header, ...(workspace ? [`Working directory: \`${workspace}\``] : []), ...sections].join("\n\n");
}
