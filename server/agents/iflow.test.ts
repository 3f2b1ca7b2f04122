import { describe, expect, it } from "vitest";
import { parseFixture } from "./fixtures/helpers";
import { createIflowParser, footerCompression, parseContextLeft } from "./iflow";

const thresholds = { low: 30, jump: 30 };

describe("parseContextLeft", () => {
  it("reads the footer's percentage and ignores other lines", () => {
    expect(parseContextLeft("  ~/repo (main*)   no sandbox   qwen3-coder-plus (45% context left)")).toBe(45);
    expect(parseContextLeft("100 % context left")).toBe(100);
    expect(parseContextLeft("250% context left")).toBeUndefined();
    expect(parseContextLeft("45% of the context is used")).toBeUndefined();
  });
});

describe("footerCompression", () => {
  it.each([
    { previous: 50, current: 30, trigger: "threshold" }, // falls to the threshold
    { previous: 31, current: 30, trigger: "threshold" },
    { previous: 45, current: 12, trigger: "threshold" },
    { previous: undefined, current: 25, trigger: "threshold" }, // first reading already low
    { previous: 30, current: 29, trigger: undefined }, // already below: not a new event
    { previous: 20, current: 10, trigger: undefined },
    { previous: 20, current: 50, trigger: "jump" }, // jumps up by exactly 30
    { previous: 27, current: 81, trigger: "jump" },
    { previous: 40, current: 69, trigger: undefined }, // 29 points: below the jump threshold
    { previous: 80, current: 60, trigger: undefined },
    { previous: undefined, current: 80, trigger: undefined },
  ])("$previous% -> $current% gives $trigger", ({ previous, current, trigger }) => {
    expect(footerCompression(previous, current, thresholds)?.trigger).toBe(trigger);
  });

  it("uses the configured thresholds and says what it saw", () => {
    expect(footerCompression(60, 50, { low: 50, jump: 10 })).toEqual({ trigger: "threshold", source: "footer", detail: "context left 60% -> 50%" });
    expect(footerCompression(50, 60, { low: 20, jump: 10 })?.trigger).toBe("jump");
    expect(footerCompression(50, 59, { low: 20, jump: 10 })).toBeUndefined();
  });
});

describe("iflow output parser", () => {
  it("takes plain text as the reply and the footer as a reading, across turns of a session", async () => {
    const footer: { last?: number } = {};
    const first = await parseFixture(createIflowParser(footer, thresholds), "iflow", "text-with-footer.txt");
    expect(first.text).toBe("Reading src/server.ts ...\nThe change adds a retry loop around the fetch call.\nIt touches 3 files.");
    expect(first.compressions).toEqual([]);
    expect(footer.last).toBe(88);

    const second = await parseFixture(createIflowParser(footer, thresholds), "iflow", "compressing-footer.txt");
    expect(second.compressions.map((event) => [event.trigger, event.detail])).toEqual([
      ["threshold", "context left 46% -> 27%"],
      ["jump", "context left 27% -> 81%"],
    ]);
    expect(second.text).toContain("Done: the fetch retry uses exponential backoff.");
    expect(second.text).not.toContain("context left");
  });

  it("reads the footer from stderr too, and JSON lines of the Qwen kind", () => {
    const footer = { last: 70 };
    const parser = createIflowParser(footer, thresholds);
    parser.push(JSON.stringify({ type: "result", result: "json answer", session_id: "i-1" }));
    parser.push("qwen3-coder-plus (20% context left)", "stderr");
    expect(parser.finish()).toMatchObject({ text: "json answer", sessionId: "i-1", compressions: [{ trigger: "threshold" }] });
  });
});
