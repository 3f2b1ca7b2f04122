import "server-only";
import { router } from "../../init";
import { listWorkersProcedure } from "./list-workers";

export const workersRouter = router({ list: listWorkersProcedure });
