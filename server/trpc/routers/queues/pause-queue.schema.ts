import { z } from "zod";

// pause and resume share the shapes: a queue name in, its new state out.
export { ZQueueNameInput as ZPauseQueueInput } from "@/server/jobs/schema";

export const ZPauseQueueOutput = z.object({ name: z.string(), paused: z.boolean() });
export type TPauseQueueOutput = z.infer<typeof ZPauseQueueOutput>;
