import "server-only";
import { router } from "../../init";
import { listQueuesProcedure } from "./list-queues";
import { pauseQueueProcedure, resumeQueueProcedure } from "./pause-queue";

export const queuesRouter = router({
  list: listQueuesProcedure,
  pause: pauseQueueProcedure,
  resume: resumeQueueProcedure,
});
