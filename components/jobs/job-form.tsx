"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { formErrorsFrom } from "./client-errors";
import { ParamsFields } from "./params-fields";
import { fieldsFromSchema, initialValues, toParams, type TFormValues } from "./schema-fields";

/** Submits a job; the params controls are generated from the selected type's JSON Schema. */
export function JobForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.jobs.listTypes.queryOptions());
  const submittable = useMemo(() => (types.data ?? []).filter((t) => t.canSubmit), [types.data]);
  const [typeName, setTypeName] = useState<string>();
  const type = submittable.find((t) => t.name === typeName) ?? submittable[0];
  const fields = useMemo(() => (type ? fieldsFromSchema(type.paramsSchema) : []), [type]);
  const [edited, setEdited] = useState<{ type: string; values: TFormValues }>();
  const values = edited && edited.type === type?.name ? edited.values : initialValues(fields);

  const submit = useMutation(
    trpc.jobs.submit.mutationOptions({
      // Not awaited: the button should not wait for the table's refetch.
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.jobs.list.pathFilter());
        void queryClient.invalidateQueries(trpc.queues.list.pathFilter());
      },
    }),
  );
  const errors = formErrorsFrom(submit.error, ["type", ...fields.map((f) => f.name)]);

  if (types.isPending) return <Panel title="Submit a job"><LoadingMessage>Loading job types…</LoadingMessage></Panel>;
  if (types.isError) return <Panel title="Submit a job"><ErrorMessage title="Could not load job types" message={types.error.message} onRetry={() => void types.refetch()} /></Panel>;
  if (!type) return <Panel title="Submit a job"><p className="text-sm text-zinc-500">Your role may not submit jobs.</p></Panel>;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate({ type: type.name as never, params: toParams(fields, values) });
  };

  return (
    <Panel title="Submit a job">
      {/* noValidate: the server's schema is the one judge, and its errors appear beside the fields. */}
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Submit a job">
        <Field label="Job type" hint={`${type.description} Queue: ${type.queue}.`} error={errors.fields.type}>
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              className={INPUT_CLASS}
              value={type.name}
              onChange={(e) => {
                setTypeName(e.target.value);
                submit.reset();
              }}
            >
              {submittable.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} — {t.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-semibold">Parameters</legend>
          <ParamsFields fields={fields} values={values} errors={errors.fields} onChange={(name, value) => {
              setEdited({ type: type.name, values: { ...values, [name]: value } });
              if (submit.isError) submit.reset(); // a stale error next to an edited field misleads
            }} />
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={submit.isPending}>
            {submit.isPending ? "Submitting…" : "Submit job"}
          </Button>
          {submit.isSuccess ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Submitted job <code title={submit.data.id}>{submit.data.id}</code>
            </p>
          ) : null}
        </div>
        {errors.form ? <ErrorMessage title="Not submitted" message={errors.form} /> : null}
      </form>
    </Panel>
  );
}
