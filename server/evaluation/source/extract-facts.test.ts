import { describe, expect, it } from "vitest";
import { chooseFiles, parseFileDiffs, type TFileDiff } from "./extract-facts";
import { languageOf } from "./languages";
import { declaredSymbols } from "./symbols";

const DIFF = `diff --git a/img/logo.png b/img/logo.png
new file mode 100644
index 0000000..1111111
Binary files /dev/null and b/img/logo.png differ
diff --git a/old/name.go b/new/name.go
similarity index 100%
rename from old/name.go
rename to new/name.go
diff --git a/svc/server.go b/svc/server.go
index 1111111..2222222 100644
--- a/svc/server.go
+++ b/svc/server.go
@@ -1,4 +1,6 @@
 package svc
-func Start() error { return nil }
+func (s *Server) Serve(addr string) error { return nil }
+type Server struct{}
+func Start() error { return serve() }
 // tail
`;

describe("parseFileDiffs", () => {
  it("skips binary files, keeps pure renames, and finds Go declarations", () => {
    const files = parseFileDiffs(DIFF);
    expect(files.map((f) => f.file.path)).toEqual(["new/name.go", "svc/server.go"]);
    expect(files[0]!.file).toMatchObject({ status: "renamed", oldPath: "old/name.go", additions: 0, deletions: 0, hunks: 0 });
    expect(files[1]!.file).toMatchObject({
      status: "modified",
      additions: 3,
      deletions: 1,
      hunks: 1,
      language: "go",
      addedSymbols: ["Serve", "Server", "Start"],
      removedSymbols: [],
    });
    expect(files[1]!.diff.startsWith("diff --git a/svc/server.go")).toBe(true);
  });
});

describe("chooseFiles", () => {
  const file = (path: string, additions: number, deletions: number): TFileDiff => ({
    file: { path, status: "modified", additions, deletions, hunks: 1, addedSymbols: [], removedSymbols: [] },
    diff: "",
  });
  it("orders by lines changed, then path", () => {
    const chosen = chooseFiles([file("b.ts", 1, 1), file("a.ts", 2, 0), file("c.ts", 9, 0)], 2);
    expect(chosen.map((d) => d.file.path)).toEqual(["c.ts", "a.ts"]);
  });
});

describe("declaredSymbols", () => {
  it.each([
    ["typescript", ["export default async function load() {", "const handler = async (req: Req): Promise<void> => {", "export type Id = string;", "if (x) {"], ["load", "handler", "Id"]],
    ["python", ["async def fetch(url):", "class Client(Base):", "x = 1"], ["fetch", "Client"]],
    ["rust", ["pub(crate) async fn run() {", "pub struct Config {", "impl Config {"], ["run", "Config"]],
    ["java", ["public class Billing {", "  private static int total(List<Item> items) {", "  return 1;"], ["Billing", "total"]],
    ["kotlin", ["data class Point(val x: Int)", "suspend fun load(id: String): User {"], ["Point", "load"]],
    ["ruby", ["def self.build(args)", "module Billing"], ["build", "Billing"]],
    ["markdown", ["# function not code"], []],
  ])("finds %s declarations", (language, lines, expected) => {
    expect(declaredSymbols(lines, language)).toEqual(expected);
  });

  it("knows languages by extension", () => {
    expect([languageOf("a/b.tsx"), languageOf("x.py"), languageOf("Dockerfile"), languageOf("LICENSE")]).toEqual(["typescript", "python", "dockerfile", undefined]);
  });
});
