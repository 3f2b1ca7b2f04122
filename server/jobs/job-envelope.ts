/** What a pg-boss job carries: the type (several types share a queue) and its validated params. */
export type TJobEnvelope = { type: string; params: Record<string, unknown> };
