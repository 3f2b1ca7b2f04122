"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { SelectField } from "@/components/ui/select-field";
import { Panel } from "@/components/ui/panel";
import { ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { Tabs } from "@/components/ui/tabs";
import { AnswersTable } from "./answers-table";
import { runName } from "./runs-panel";
import { TranscriptViewer } from "./transcript-viewer";
import type { TTaskDetailView } from "./types";

/** One run at a time: its answers side by side and its transcript, refreshed while the run is going. */
export function RunInspector({ task }: { task: TTaskDetailView }) {
  const trpc = useTRPC();
  const [chosen, setChosen] = useState<string>();
  const run = task.runs.find((r) => r.id === chosen) ?? task.runs[0];
  const open = run !== undefined && (run.status === "queued" || run.status === "running" || run.status === "judging");
  const detail = useQuery(trpc.runs.get.queryOptions({ id: run?.id ?? "" }, { enabled: run !== undefined, refetchInterval: open ? 3000 : false }));

  if (!run) return null;
  return (
    <Panel title="Transcript and answers">
      <div className="flex flex-col gap-4">
        <SelectField label="Run" className="w-64" options={task.runs.map((r) => ({ value: r.id, label: `${runName(r)} (${r.status})` }))} value={run.id} onChange={setChosen} />
        {detail.isPending ? <LoadingMessage>Loading the run…</LoadingMessage> : null}
        {detail.isError ? <ErrorMessage title="Could not load the run" message={detail.error.message} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <Tabs
            label="Run details"
            tabs={[
              { id: "answers", label: `Answers (${detail.data.answers.length})`, content: <AnswersTable answers={detail.data.answers} questions={task.questions} /> },
              { id: "transcript", label: `Transcript (${detail.data.transcript.length} turns)`, content: <TranscriptViewer transcript={detail.data.transcript} /> },
            ]}
          />
        ) : null}
      </div>
    </Panel>
  );
}
