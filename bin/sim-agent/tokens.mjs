// Deterministic token estimate: 1.3 tokens per whitespace-separated word.
export function countTokens(text) {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.ceil(words * 1.3);
}
