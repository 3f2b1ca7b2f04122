import { z } from "zod";
import { ZRunView } from "../tasks/task.schema";

export const ZGetRunInput = z.object({ id: z.uuid({ error: "must be a run id (UUID)" }) }).strict();
export const ZGetRunOutput = ZRunView.extend({
  taskId: z.string(),
  answers: z.array(
    z.object({
      questionKey: z.string(),
      phase: z.string(),
      text: z.string(),
      score: z.number().nullable(),
      judge: z.string().nullable(),
      rationale: z.string().nullable(),
    }),
  ),
  /** Transcript turns as written (JSONL objects: turn, phase, prompt, reply, usage, compressions). */
  transcript: z.array(z.unknown()),
});
