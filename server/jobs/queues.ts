// Queues and how workers consume them. Job types pick a queue; a worker can be started for a subset.
export type TQueueDefinition = {
  name: string;
  description: string;
  /** Jobs fetched per poll: large for tiny jobs (throughput), 1 for long ones (fairness). */
  batchSize: number;
  /** Handlers running at once per worker process, unless the worker is told otherwise. */
  defaultConcurrency: number;
};

export const QUEUES = [
  { name: "system", description: "Diagnostics and tiny jobs", batchSize: 100, defaultConcurrency: 2 },
  { name: "default", description: "General work", batchSize: 1, defaultConcurrency: 4 },
  { name: "maintenance", description: "Retention, reaper, database upkeep", batchSize: 1, defaultConcurrency: 1 },
  { name: "evaluation", description: "Evaluation tasks: prepare the change, finish and rank", batchSize: 1, defaultConcurrency: 2 },
  { name: "agent-runs", description: "One agent session per job (long, spawns the agent's CLI)", batchSize: 1, defaultConcurrency: 4 },
  { name: "judging", description: "Scoring of finished agent runs (reference and LLM judge)", batchSize: 1, defaultConcurrency: 2 },
] as const satisfies readonly TQueueDefinition[];

export type TQueueName = (typeof QUEUES)[number]["name"];
export const QUEUE_NAMES = QUEUES.map((q) => q.name) as [TQueueName, ...TQueueName[]];

/** Where jobs go after their last failed attempt (pg-boss copies them there). */
export const deadLetterQueueOf = (queue: string) => `${queue}.dead`;

export function getQueueDefinition(name: string): TQueueDefinition | undefined {
  return QUEUES.find((q) => q.name === name);
}
