import { AppError } from "../errors";

// Request bodies of /api/v1: JSON only (a 400 for another Content-Type), at most `maxBytes` (413 above, checked while reading, so a lying or
// missing Content-Length cannot make us buffer more), malformed JSON is a 400 naming the body.

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** undefined for an empty body. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return undefined;

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  // Checked only when there is a body: a cross-site form cannot send application/json without a CORS preflight.
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("INVALID_INPUT", "body: send JSON with Content-Type: application/json", "body");
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError("INVALID_INPUT", `body: malformed JSON (${(error as Error).message})`, "body");
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `body: larger than the limit of ${maxBytes} bytes`, "body");
}
