// `npm run bench:pages`: the JavaScript a browser downloads on the first load of each dashboard page, gzipped.
// Run against a production server (`npm run build && npm run start`; BENCH_URL, default http://127.0.0.1:3000):
// fetches each page's HTML, every <script src> it references, and sums their gzip sizes (target < 250 kB).
import { gzipSync } from "node:zlib";

const BASE = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const PAGES = ["/", "/tasks", "/tasks/new", "/leaderboard", "/jobs", "/queues", "/docs"];
const TARGET_KB = 250;

async function main(): Promise<number> {
  const cache = new Map<string, number>();
  let worst = 0;
  console.log(`first-load JavaScript per page (gzip), ${BASE}`);
  for (const page of PAGES) {
    const response = await fetch(`${BASE}${page}`);
    if (!response.ok) throw new Error(`${page}: HTTP ${response.status}`);
    const html = await response.text();
    const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))];
    let bytes = 0;
    for (const src of sources) {
      if (!cache.has(src)) {
        const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
        cache.set(src, gzipSync(body, { level: 9 }).length);
      }
      bytes += cache.get(src)!;
    }
    worst = Math.max(worst, bytes);
    console.log(`  ${page.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(7)} kB in ${sources.length} scripts`);
  }
  console.log(`largest: ${(worst / 1024).toFixed(1)} kB (target < ${TARGET_KB} kB)`);
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
