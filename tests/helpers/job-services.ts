// Job services loaded lazily, for tests that must set DATABASE_URL before the first env() read.
import { disconnectDb } from "@/server/db/client";
import { getJob } from "@/server/jobs/get-job";
import { stopProducer } from "@/server/jobs/producer";
export { submitJob } from "@/server/jobs/submit-job";

export const statusOf = async (orgId: string, id: string) => (await getJob(orgId, id)).status;

export async function shutdown(): Promise<void> {
  await stopProducer().catch(() => undefined);
  await disconnectDb().catch(() => undefined);
}
