import type { TChangeFacts, TChangedFile, TDimension } from "../model";
import type { TRender } from "./build-turns";

// Open questions (scored by the LLM judge), three per dimension as DESIGN §4 lists them, each with the code it is about.

type TOpenTemplate = { name: string; files: (facts: TChangeFacts) => TChangedFile[] };

const all = (facts: TChangeFacts) => facts.files;
const largest = (n: number) => (facts: TChangeFacts) => facts.files.slice(0, n);
const withSymbols = (facts: TChangeFacts) => {
  const files = facts.files.filter((f) => f.addedSymbols.length + f.removedSymbols.length > 0).slice(0, 3);
  return files.length > 0 ? files : largest(3)(facts);
};
const withRemovals = (facts: TChangeFacts) => {
  const files = facts.files.filter((f) => f.removedSymbols.length > 0 || f.status === "deleted" || f.status === "renamed");
  return files.length > 0 ? files : all(facts);
};

export const OPEN_QUESTIONS: Record<TDimension, TOpenTemplate[]> = {
  AR: [
    { name: "open-ar-purpose", files: all },
    { name: "open-ar-file-inventory", files: all },
    { name: "open-ar-key-functions", files: withSymbols },
  ],
  TTL: [
    { name: "open-ttl-reimplement", files: largest(3) },
    { name: "open-ttl-hardest-part", files: largest(2) },
    { name: "open-ttl-testing", files: largest(2) },
  ],
  LRU: [
    { name: "open-lru-architecture", files: all },
    { name: "open-lru-ripple-effects", files: withRemovals },
    { name: "open-lru-long-term", files: all },
  ],
  SF: [
    { name: "open-sf-rollback", files: all },
    { name: "open-sf-core-peripheral", files: all },
    { name: "open-sf-scaling", files: largest(2) },
  ],
};

export function openQuestions(dimension: TDimension, count: number, facts: TChangeFacts, render: TRender) {
  return OPEN_QUESTIONS[dimension].slice(0, Math.max(0, count)).map((t) => ({
    prompt: render(`questions/${t.name}`),
    relevantFiles: t.files(facts).map((f) => f.path),
  }));
}
