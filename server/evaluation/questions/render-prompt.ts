import { readFileSync } from "node:fs";
import path from "node:path";

// Prompt templates are Markdown files under prompts/ with {{placeholders}}; see prompts/README.md.

export type TPromptValues = Record<string, string | number>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*)\s*\}\}/g;
const NAME = /^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/;
const cache = new Map<string, string>();

/** prompts/ at the root of the app (the working directory of the web and worker processes). */
export const DEFAULT_PROMPTS_DIR = path.join(process.cwd(), "prompts");

/** The raw template `prompts/<name>.md`, e.g. "turns/study-file". */
export function loadPrompt(name: string, promptsDir: string = DEFAULT_PROMPTS_DIR): string {
  if (!NAME.test(name)) throw new Error(`Invalid prompt name "${name}"`);
  const file = path.join(promptsDir, `${name}.md`);
  let template = cache.get(file);
  if (template === undefined) {
    template = readFileSync(file, "utf8").trimEnd();
    cache.set(file, template);
  }
  return template;
}

/** Replaces every {{key}}; throws naming the first placeholder without a value. Values are not expanded again. */
export function fillTemplate(template: string, values: TPromptValues, name = "template"): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Prompt "${name}" needs a value for {{${key}}}`);
    return String(value);
  });
}

export function renderPrompt(name: string, values: TPromptValues = {}, promptsDir?: string): string {
  return fillTemplate(loadPrompt(name, promptsDir), values, name);
}

/** The placeholders a template uses, in order, without duplicates. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}
