import type { z } from "zod";
import { DIMENSIONS, type TDimension } from "@/server/evaluation/model";
import { DEFAULT_THRESHOLD, ZCreateTaskInput, type TCreateTaskInput } from "@/server/evaluation/tasks/task-schema";

// The new-task form's state (text for inputs, so "1.5" survives until the schema judges it) and its mapping to
// and from ZCreateTaskInput: the same schema the server parses with, so both report the same fields.

export type TSourceKind = "git" | "github-pr";
export const NUMBER_FIELDS = ["maxFiles", "trials", "priority", "maxTurns", "contextTokenLimit", "seed"] as const;
export type TNumberField = (typeof NUMBER_FIELDS)[number];

export type TTaskFormValues = {
  title: string;
  sourceKind: TSourceKind;
  repository: string;
  baseRef: string;
  headRef: string;
  url: string;
  agents: string[];
  dimensions: TDimension[];
  thresholds: Record<TDimension, string>;
} & Record<TNumberField, string>;

const shape = ZCreateTaskInput.shape;
/** The schema's own default of a field, as the form's starting text. */
const defaultOf = (field: Exclude<TNumberField, "seed">) => String(shape[field].parse(undefined));

export const INITIAL_TASK_FORM: TTaskFormValues = {
  title: "",
  sourceKind: "git",
  repository: "",
  baseRef: "main",
  headRef: "",
  url: "",
  agents: [],
  dimensions: [...DIMENSIONS],
  thresholds: Object.fromEntries(DIMENSIONS.map((d) => [d, String(DEFAULT_THRESHOLD)])) as Record<TDimension, string>,
  maxFiles: defaultOf("maxFiles"),
  trials: defaultOf("trials"),
  priority: defaultOf("priority"),
  maxTurns: defaultOf("maxTurns"),
  contextTokenLimit: defaultOf("contextTokenLimit"),
  seed: "",
};

/** Empty inputs are left out so the schema's defaults apply; anything else goes through as typed. */
const numberOrOmit = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function toCreateTaskInput(values: TTaskFormValues): TCreateTaskInput {
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, numberOrOmit(values[f])]).filter(([, v]) => v !== undefined));
  return {
    ...(values.title.trim() ? { title: values.title } : {}),
    source:
      values.sourceKind === "git"
        ? { kind: "git", repository: values.repository, baseRef: values.baseRef, headRef: values.headRef }
        : { kind: "github-pr", url: values.url },
    agents: values.agents,
    dimensions: values.dimensions,
    thresholds: Object.fromEntries(
      values.dimensions.flatMap((d) => (values.thresholds[d].trim() === "" ? [] : [[d, Number(values.thresholds[d])]])),
    ),
    ...numbers,
  };
}

/** The form control an input path belongs to: "agents.1" → "agents", "source.repository" stays, "" → "form". */
export function taskFieldOf(path: string): string {
  const [head, second] = path.split(".");
  if (!head) return "form";
  if ((head === "source" || head === "thresholds") && second) return `${head}.${second}`;
  return head;
}

export const TASK_FIELD_NAMES = [
  "title", "source", "source.kind", "source.repository", "source.baseRef", "source.headRef", "source.url", "agents", "dimensions",
  ...DIMENSIONS.map((d) => `thresholds.${d}`), ...NUMBER_FIELDS,
];

/** First message per control, in the schema's order. */
export function validateTaskForm(values: TTaskFormValues): { input: z.output<typeof ZCreateTaskInput> | null; errors: Record<string, string> } {
  const parsed = ZCreateTaskInput.safeParse(toCreateTaskInput(values));
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = taskFieldOf(issue.path.map(String).join("."));
    errors[key] ??= issue.message;
  }
  return { input: null, errors };
}
