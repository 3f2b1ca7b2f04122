// Text normalisation shared by the reference judge's matchers. Pure and deterministic.

const QUOTES = /["'`\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u00AB\u00BB]/g;

/** Lowercase, drop quotes and backticks, unify path separators, collapse whitespace. */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(QUOTES, "").replace(/\\/g, "/").replace(/\s+/g, " ").trim();
}

/**
 * Removes markdown emphasis (`**`, `*`, `~~`, and `_`/`__` at word edges) and leading heading/quote/list markers,
 * so "> **NOTE:** ..." reads as "NOTE: ...". Underscores inside identifiers (snake_case) are kept.
 */
export function stripMarkdownEmphasis(text: string): string {
  return text
    .replace(/\*+|~~/g, "")
    .replace(/(^|[\s([{])_+/g, "$1")
    .replace(/_+(?=$|[\s.,:;!?)\]}])/g, "")
    .replace(/^[\s>#]+/, "");
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/**
 * Whether `needle` occurs in `haystack` (both already normalised) as a whole token: where the needle starts or
 * ends with a word character, the neighbouring character must not be one, so "port 80" is not found in
 * "port 8080" and "parseenv" is not found in "parseenvironment".
 */
export function containsToken(haystack: string, needle: string): boolean {
  if (needle === "") return true;
  const guardStart = isWordChar(needle[0]);
  const guardEnd = isWordChar(needle[needle.length - 1]);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (guardStart && isWordChar(haystack[at - 1])) continue;
    if (guardEnd && isWordChar(haystack[at + needle.length])) continue;
    return true;
  }
  return false;
}

const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
];

// A standalone numeral (not part of an identifier such as "v2" or "utf8", nor of a version such as "1.2.3"),
// with optional thousands separators and decimals; or a number word from zero to twenty.
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.])(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\p{L}\p{N}_]|\.\d)` +
    String.raw`|(?<![\p{L}\p{N}_-])(${NUMBER_WORDS.join("|")})(?![\p{L}\p{N}_-])`,
  "iu",
);

/** The first number in the text (digits or a number word zero..twenty), or null when there is none. */
export function firstNumber(text: string): { value: number; raw: string } | null {
  const match = NUMBER.exec(text);
  if (!match) return null;
  if (match[1] !== undefined) return { value: Number(match[1].replace(/,/g, "")), raw: match[1] };
  const word = (match[2] ?? "").toLowerCase();
  return { value: NUMBER_WORDS.indexOf(word), raw: match[2] ?? word };
}
