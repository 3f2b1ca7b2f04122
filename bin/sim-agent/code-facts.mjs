// What the sim can tell from a diff or a source file it remembers: path, status, hunks, lines, declarations.

const DECLARATIONS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|interface|type|enum|def|fn|struct|trait)\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]*?)?=>|[A-Za-z_$][\w$]*\s*=>)/,
  /^func\s+(?:\([^)]*\)\s*)?(\w+)/,
  /^\s+(?:(?:public|private|protected|static|async|override)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\([^)]*\)\s*(?::\s*[^{;=]+)?\{\s*$/,
];
const KEYWORDS = new Set(["if", "for", "while", "switch", "catch", "return", "function", "constructor", "super", "else"]);

export function declarationOf(line) {
  for (const pattern of DECLARATIONS) {
    const name = pattern.exec(line)?.[1];
    if (name && !KEYWORDS.has(name)) return name;
  }
  return undefined;
}

export function declarations(lines) {
  return [...new Set(lines.map(declarationOf).filter(Boolean))];
}

/** Facts of one file's unified diff (possibly condensed: context lines dropped). */
export function diffFacts(text) {
  const lines = text.split("\n");
  const firstHunk = lines.findIndex((l) => l.startsWith("@@"));
  const header = firstHunk < 0 ? lines : lines.slice(0, firstHunk);
  const body = firstHunk < 0 ? [] : lines.slice(firstHunk);
  const to = header.find((l) => l.startsWith("+++ "))?.slice(4);
  const from = header.find((l) => l.startsWith("--- "))?.slice(4);
  const git = /^diff --git a\/(.+) b\/(.+)$/.exec(header[0] ?? "");
  const strip = (p) => p?.replace(/^[ab]\//, "");
  const path = to && to !== "/dev/null" ? strip(to) : from && from !== "/dev/null" ? strip(from) : git?.[2];
  const text_ = header.join("\n");
  const status = /^new file mode/m.test(text_)
    ? "added"
    : /^deleted file mode/m.test(text_)
      ? "deleted"
      : /^rename from/m.test(text_)
        ? "renamed"
        : "modified";
  const added = body.filter((l) => l.startsWith("+")).map((l) => l.slice(1));
  const removed = body.filter((l) => l.startsWith("-")).map((l) => l.slice(1));
  const addedSymbols = declarations(added);
  return {
    path,
    status,
    hunks: body.filter((l) => l.startsWith("@@")).length,
    additions: added.length,
    deletions: removed.length,
    addedSymbols,
    removedSymbols: declarations(removed).filter((s) => !addedSymbols.includes(s)),
  };
}

/** A diff without its context lines: what a summary keeps. */
export function condenseDiff(text) {
  return text
    .split("\n")
    .filter((l) => !l.startsWith(" ") && l !== "")
    .join("\n");
}

/** A source file reduced to its declaration lines. */
export function condenseFile(text) {
  return text
    .split("\n")
    .filter((l) => declarationOf(l))
    .join("\n");
}
