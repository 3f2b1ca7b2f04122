import type { TPlantedRule, TSupersededFact } from "../model";
import type { TRandom } from "./seeded-random";

// TTL's rule and SF's superseded fact, both seeded so each task plants different values.

/** Questions carrying this marker are the ones the rule applies to. */
export const RULE_MARKER = "[REPORT]";

export function createRule(random: TRandom): TPlantedRule {
  const tag = `MB-${random.int(0x1000, 0xffff).toString(16).toUpperCase()}`;
  const prefix = `${tag}:`;
  return {
    instruction: `From now on, begin every answer to a question marked ${RULE_MARKER} with the tag ${prefix} (the tag first, then your answer).`,
    prefix,
  };
}

type TSubject = { subject: string; value: (random: TRandom) => string };

const SUBJECTS: TSubject[] = [
  { subject: "the planned release version of this change", value: (r) => `v${r.int(2, 9)}.${r.int(10, 40)}.${r.int(1, 9)}` },
  { subject: "the staging port of this change", value: (r) => String(r.int(4000, 9999)) },
  {
    subject: "the planned release date of this change",
    value: (r) => `2027-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(10, 28))}`,
  },
  { subject: "the feature flag that guards this change", value: (r) => `ff-${r.pick(["amber", "birch", "cobalt", "delta", "ember"])}-${r.int(100, 999)}` },
];

export function createSupersededFact(random: TRandom): TSupersededFact {
  const { subject, value } = random.pick(SUBJECTS);
  const oldValue = value(random);
  let newValue = value(random);
  // Neither value may contain the other, or "contains new, forbids old" could not tell them apart.
  while (newValue.includes(oldValue) || oldValue.includes(newValue)) newValue = value(random);
  return {
    subject,
    oldValue,
    newValue,
    statement: `${capitalize(subject)} is \`${oldValue}\`.`,
    correction: `Correction: ${subject} is now \`${newValue}\`; forget \`${oldValue}\`.`,
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
