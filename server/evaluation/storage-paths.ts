import path from "node:path";

// Where a task's files live: STORAGE_DIR/{taskId}/… Ids are UUIDs from our own rows; checked anyway, since a
// path built from a bad id could escape STORAGE_DIR.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${JSON.stringify(id)}`);
  return id;
}

export function taskPaths(storageDir: string, taskId: string) {
  const root = path.resolve(storageDir, checkId(taskId));
  return {
    root,
    repo: path.join(root, "repo"),
    taskLog: path.join(root, "task.log"),
    run: (runId: string) => {
      const dir = path.join(root, "runs", checkId(runId));
      return {
        dir,
        /** The agent's private HOME, TMPDIR and settings (removed after the run, except what it keeps). */
        home: path.join(dir, "agent"),
        /** The memory-only phase runs here: the workspace is taken away. */
        emptyWorkspace: path.join(dir, "empty"),
        transcript: path.join(dir, "transcript.jsonl"),
      };
    },
  };
}
