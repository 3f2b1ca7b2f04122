// Fits the relevant code for the LLM judge into a character budget: small files are shown whole and the rest
// share what is left equally (water-filling), each cut file marked with how much was left out.
import { fence } from "./judge-prompt";

export type TCodeFile = { path: string; text: string };

export const DEFAULT_CODE_BUDGET_CHARS = 24_000;

export function renderCodeWithinBudget(files: TCodeFile[], budget = DEFAULT_CODE_BUDGET_CHARS): string {
  const allowance = new Map<number, number>();
  const bySize = files.map((file, index) => ({ index, size: file.text.length })).sort((a, b) => a.size - b.size || a.index - b.index);
  let remaining = Math.max(0, budget);
  bySize.forEach(({ index, size }, position) => {
    const share = Math.floor(remaining / (bySize.length - position));
    const take = Math.min(size, share);
    allowance.set(index, take);
    remaining -= take;
  });
  return files
    .map((file, index) => {
      const take = allowance.get(index) ?? 0;
      const cut = file.text.length - take;
      const body = cut > 0 ? `${file.text.slice(0, take)}\n… [${cut} more characters not shown]` : file.text;
      return `### ${file.path}\n${fence(body)}`;
    })
    .join("\n\n");
}
