// The simulated agent's note vocabulary and answering (bin/sim-agent/*.mjs), reused so both simulators recognise the
// same prompts and answer them the same way. Those modules are plain JavaScript without declarations: loaded here
// once, with their types written down.

export type TNote = {
  id: number;
  turn: number;
  kind: "diff" | "file" | "rule" | "statement" | "correction" | "summary" | "prompt" | "reply";
  text: string;
  tokens: number;
  path?: string;
  paths?: string[];
  marker?: string;
  tag?: string;
  subject?: string;
  value?: string;
  condensed?: boolean;
};

export type TNoteSession = { nextNoteId: number; turn: number };

type TDiffFacts = { path?: string; status: string; hunks: number; additions: number; deletions: number; addedSymbols: string[]; removedSymbols: string[] };

type TKit = {
  answer(prompt: string, notes: TNote[]): string;
  makeNote(session: TNoteSession, fields: Omit<TNote, "id" | "turn" | "tokens">): TNote;
  notesFromPrompt(session: TNoteSession, prompt: string): TNote[];
  diffFacts(text: string): TDiffFacts;
  condenseDiff(text: string): string;
  condenseFile(text: string): string;
};

const load = (name: string) => import(new URL(`../../bin/sim-agent/${name}.mjs`, import.meta.url).href);
const [answerModule, notesModule, factsModule] = await Promise.all([load("answer"), load("notes"), load("code-facts")]);

export const kit: TKit = {
  answer: answerModule.answer,
  makeNote: notesModule.makeNote,
  notesFromPrompt: notesModule.notesFromPrompt,
  diffFacts: factsModule.diffFacts,
  condenseDiff: factsModule.condenseDiff,
  condenseFile: factsModule.condenseFile,
};
