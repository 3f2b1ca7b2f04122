import { z } from "zod";

export const ZListJobTypesInput = z.void();

export const ZJobTypeView = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  queue: z.string(),
  priority: z.number().int(),
  retryLimit: z.number().int(),
  scheduled: z.boolean(),
  /** JSON Schema (draft 2020-12) of the params as the client sends them (defaults optional): the form renders from it. */
  paramsSchema: z.record(z.string(), z.unknown()),
  canSubmit: z.boolean(),
});
export type TJobTypeView = z.infer<typeof ZJobTypeView>;

export const ZListJobTypesOutput = z.array(ZJobTypeView);
export type TListJobTypesOutput = z.infer<typeof ZListJobTypesOutput>;
