import type { TGroundTruth } from "../model";

// A minimal local check of an answer against ground truth, for tests that must not depend on the reference judge.

const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/[`'"“”‘’]/g, "")
    .replace(/\s+/g, " ")
    .trim();

export function checkGroundTruth(answer: string, truth: TGroundTruth): boolean {
  const text = normalize(answer);
  switch (truth.kind) {
    case "contains":
      return truth.expected.every((e) => text.includes(normalize(e))) && !(truth.forbidden ?? []).some((f) => text.includes(normalize(f)));
    case "number": {
      const first = /-?\d+(?:\.\d+)?/.exec(text);
      return first !== null && Math.abs(Number(first[0]) - truth.expected) <= truth.tolerance;
    }
    case "prefix":
      return text.startsWith(normalize(truth.prefix));
  }
}
