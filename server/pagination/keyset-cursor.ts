import { AppError } from "../errors";

// Opaque cursors for newest-first lists ordered by (createdAt, id): stable while rows are inserted.
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("INVALID_INPUT", "cursor: not a cursor returned by this list", "cursor");
  }
  return { createdAt, id };
}

/** Escapes a user's text for ILIKE '%…%'. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
