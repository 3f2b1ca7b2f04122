// The language of a changed file, from its extension (or name), for symbol extraction and prompts.
const BY_EXTENSION: Record<string, string> = {
  ts: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript",
  js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript",
  py: "python", pyi: "python",
  go: "go",
  rs: "rust",
  java: "java", kt: "kotlin", kts: "kotlin", scala: "scala", cs: "csharp", swift: "swift",
  rb: "ruby", php: "php",
  c: "c", h: "c", cc: "cpp", cpp: "cpp", cxx: "cpp", hpp: "cpp", hh: "cpp",
  sh: "shell", bash: "shell", sql: "sql",
  md: "markdown", mdx: "markdown", json: "json", yaml: "yaml", yml: "yaml", toml: "toml",
  html: "html", css: "css", scss: "css", vue: "vue", svelte: "svelte",
};

const BY_NAME: Record<string, string> = { Dockerfile: "dockerfile", Makefile: "make" };

export function languageOf(path: string): string | undefined {
  const name = path.split("/").at(-1) ?? path;
  if (BY_NAME[name]) return BY_NAME[name];
  const dot = name.lastIndexOf(".");
  return dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
}
