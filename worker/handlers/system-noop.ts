import { defineHandler } from "../handler-context";

export default defineHandler(async (params: { note?: string }) => ({ ok: true, note: params.note ?? null }));
