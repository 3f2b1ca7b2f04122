// Declarations on diff lines, found with simple per-language patterns (a heuristic: good enough to ask about, not a parser).

const ID = String.raw`[A-Za-z_$][\w$]*`;
const rx = (source: string) => new RegExp(source);

const JS = [
  rx(String.raw`^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*(?<name>${ID})`),
  rx(String.raw`^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+(?<name>${ID})`),
  rx(String.raw`^\s*(?:export\s+)?(?:declare\s+)?(?:const\s+)?(?:interface|type|enum|namespace)\s+(?<name>${ID})`),
  rx(String.raw`^\s*(?:export\s+)?(?:const|let|var)\s+(?<name>${ID})\s*(?::[^=]*)?=\s*(?:async\s+)?(?:function\b|(?:\([^)]*\)|${ID})\s*(?::[^=]*?)?=>)`),
  rx(String.raw`^\s+(?:(?:public|private|protected|static|readonly|async|override|get|set)\s+)*(?<name>${ID})\s*(?:<[^>]*>)?\([^)]*\)\s*(?::\s*[^{;=]+)?\{\s*$`),
];

const PYTHON = [rx(String.raw`^\s*(?:async\s+)?def\s+(?<name>\w+)`), rx(String.raw`^\s*class\s+(?<name>\w+)`)];

const GO = [rx(String.raw`^func\s+(?:\([^)]*\)\s*)?(?<name>\w+)`), rx(String.raw`^type\s+(?<name>\w+)`)];

const RUST = [
  rx(String.raw`^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+(?<name>\w+)`),
  rx(String.raw`^\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum|trait|type|union|mod)\s+(?<name>\w+)`),
];

const JVM_LIKE = [
  rx(String.raw`^\s*(?:(?:public|private|protected|internal|static|final|abstract|sealed|open|data|partial|export)\s+)*(?:class|interface|enum|record|object|struct|trait|protocol)\s+(?<name>\w+)`),
  rx(String.raw`^\s*(?:(?:public|private|protected|internal|static|final|abstract|synchronized|override|virtual|async)\s+)+[\w<>\[\],.? ]+\s+(?<name>\w+)\s*\(`),
  rx(String.raw`^\s*(?:(?:public|private|protected|internal|override|open|suspend|inline|static)\s+)*(?:fun|func|def)\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?(?<name>\w+)`),
];

const RUBY = [rx(String.raw`^\s*def\s+(?:self\.)?(?<name>[\w?!=]+)`), rx(String.raw`^\s*(?:class|module)\s+(?<name>[\w:]+)`)];

const PHP = [
  rx(String.raw`^\s*(?:(?:public|private|protected|static|final|abstract)\s+)*function\s+(?<name>\w+)`),
  rx(String.raw`^\s*(?:(?:final|abstract)\s+)?(?:class|interface|trait|enum)\s+(?<name>\w+)`),
];

const C_LIKE = [
  rx(String.raw`^(?:[\w*&:<>,]+\s+)+[*&]*(?<name>[A-Za-z_][\w:~]*)\s*\([^;]*$`),
  rx(String.raw`^\s*(?:typedef\s+)?(?:struct|class|enum|union|namespace)\s+(?<name>\w+)`),
];

const SHELL = [rx(String.raw`^\s*(?:function\s+)?(?<name>[\w-]+)\s*\(\)\s*\{`)];

const PATTERNS: Record<string, RegExp[]> = {
  typescript: JS, javascript: JS, vue: JS, svelte: JS,
  python: PYTHON,
  go: GO,
  rust: RUST,
  java: JVM_LIKE, kotlin: JVM_LIKE, scala: JVM_LIKE, csharp: JVM_LIKE, swift: JVM_LIKE,
  ruby: RUBY,
  php: PHP,
  c: C_LIKE, cpp: C_LIKE,
  shell: SHELL,
};

const NOT_NAMES = new Set([
  "if", "for", "while", "switch", "catch", "return", "function", "else", "do", "try", "new", "typeof",
  "constructor", "super", "with", "await", "yield", "sizeof", "elif", "except", "match",
]);

/** Names declared on these lines (without their +/- marker), in order of first appearance, without duplicates. */
export function declaredSymbols(lines: string[], language: string | undefined): string[] {
  const patterns = language ? PATTERNS[language] : undefined;
  if (!patterns) return [];
  const names = new Set<string>();
  for (const line of lines) {
    for (const pattern of patterns) {
      const name = pattern.exec(line)?.groups?.name;
      if (name && !NOT_NAMES.has(name)) {
        names.add(name);
        break;
      }
    }
  }
  return [...names];
}
