// The change makeRepo commits by default: TypeScript and Python files with added and removed functions,
// a renamed file, a deleted file, a README edit and a binary file (which facts skip).

const pad = (label: string, n: number) =>
  Array.from({ length: n }, (_, i) => `// ${label} note ${i + 1}: unchanged context line`).join("\n");

const MATH_BASE = `export function add(a: number, b: number): number {
  return a + b;
}

export function multiply(a: number, b: number): number {
  return a * b;
}

${pad("math", 10)}

export function square(x: number): number {
  return multiply(x, x);
}
`;

const MATH_HEAD = `export function add(a: number, b: number): number {
  return a + b;
}

${pad("math", 10)}

export function square(x: number): number {
  return x * x;
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export function divide(a: number, b: number): number {
  if (b === 0) throw new Error("division by zero");
  return a / b;
}
`;

const CACHE_HEAD = `export interface CacheOptions {
  capacity: number;
}

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly options: CacheOptions) {}

  lookup(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  store(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.options.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

export const makeCacheKey = (parts: string[]): string => parts.join("::");

export function createCache<V>(capacity = 100): LruCache<V> {
  return new LruCache<V>({ capacity });
}
`;

const REPORT_BASE = `import json


def load_rows(path):
    with open(path) as handle:
        return json.load(handle)


def render(rows):
    return "\\n".join(str(row) for row in rows)
`;

const REPORT_HEAD = `import json


def load_rows(path):
    with open(path) as handle:
        return json.load(handle)


def summarize(rows):
    total = sum(row["amount"] for row in rows)
    return {"count": len(rows), "total": total}


class ReportWriter:
    def __init__(self, stream):
        self.stream = stream

    def write_summary(self, rows):
        self.stream.write(json.dumps(summarize(rows)))
`;

const FORMAT_BASE = `export function formatAmount(value: number): string {
  return value.toFixed(2);
}

export function formatName(first: string, last: string): string {
  return \`\${first} \${last}\`.trim();
}

export function formatList(items: string[]): string {
  return items.join(", ");
}
`;

const FORMAT_HEAD = FORMAT_BASE.replace("return value.toFixed(2);", "return value.toFixed(3);");

const LEGACY_BASE = `export function oldHelper(input: string): string {
  return input.toUpperCase();
}

export class LegacyThing {
  run(): void {}
}
`;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

export type TRepoFiles = Record<string, string | Buffer>;
/** Head changes: a path's new content, or null to delete it. */
export type TRepoChanges = Record<string, string | Buffer | null>;

export const STANDARD_BASE: TRepoFiles = {
  "README.md": "# Demo\n\nA small demo project.\n",
  "src/math.ts": MATH_BASE,
  "src/legacy.ts": LEGACY_BASE,
  "src/utils/format.ts": FORMAT_BASE,
  "tools/report.py": REPORT_BASE,
};

export const STANDARD_HEAD: TRepoChanges = {
  "README.md": "# Demo\n\nA small demo project with a cache.\n",
  "src/math.ts": MATH_HEAD,
  "src/cache.ts": CACHE_HEAD,
  "src/legacy.ts": null,
  "src/utils/format.ts": null,
  "src/utils/formatting.ts": FORMAT_HEAD,
  "tools/report.py": REPORT_HEAD,
  "assets/logo.png": PNG,
};
