import { formatScore } from "@/components/ui/format";
import { EmptyMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import type { TRunDetailView, TTaskDetailView } from "./types";

type TAnswer = TRunDetailView["answers"][number];

function AnswerCell({ answer }: { answer: TAnswer | undefined }) {
  if (!answer) return <span className="text-zinc-400">—</span>;
  return (
    <div className="flex flex-col gap-1">
      <p className="max-h-40 overflow-auto whitespace-pre-wrap break-words">{answer.text}</p>
      <p className="text-xs text-zinc-500 dark:text-zinc-400" title={answer.rationale ?? undefined}>
        score <span className="font-medium tabular-nums">{formatScore(answer.score)}</span>
        {answer.judge ? ` · ${answer.judge} judge` : ""}
        {answer.rationale ? ` · ${answer.rationale}` : ""}
      </p>
    </div>
  );
}

/** Each question with the baseline answer (before compression) beside the final one (from memory). */
export function AnswersTable({ answers, questions }: { answers: TAnswer[]; questions: TTaskDetailView["questions"] }) {
  if (answers.length === 0) return <EmptyMessage>No answers yet: they are recorded in the baseline and evaluation phases.</EmptyMessage>;
  const keys = [...new Set([...questions.map((q) => q.key), ...answers.map((a) => a.questionKey)])].filter((k) => answers.some((a) => a.questionKey === k));
  return (
    <DataTable caption="Answers, baseline and final side by side" headers={["Question", "Baseline (before compression)", "Final (from memory)"]}>
      {keys.map((key) => {
        const question = questions.find((q) => q.key === key);
        return (
          <tr key={key} className={`${ROW_CLASS} align-top`}>
            <th scope="row" className="w-1/3 px-3 py-2 text-left font-normal">
              <span className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">
                {question?.dimension ?? ""} · {question?.kind ?? ""} · {key}
              </span>
              <p className="mt-1 whitespace-pre-wrap">{question?.prompt ?? key}</p>
            </th>
            <td className="px-3 py-2">
              <AnswerCell answer={answers.find((a) => a.questionKey === key && a.phase === "baseline")} />
            </td>
            <td className="px-3 py-2">
              <AnswerCell answer={answers.find((a) => a.questionKey === key && a.phase === "evaluation")} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
