"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { formErrorsFrom } from "@/components/jobs/client-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { controlProps, Field, INPUT_CLASS } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { ErrorMessage } from "@/components/ui/state-message";
import { AgentPicker } from "./agent-picker";
import { RubricFields } from "./rubric-fields";
import { SettingsFields } from "./settings-fields";
import { SourceFields } from "./source-fields";
import { INITIAL_TASK_FORM, TASK_FIELD_NAMES, taskFieldOf, validateTaskForm, type TTaskFormValues } from "./task-form-values";

/**
 * Validates with ZCreateTaskInput (the server's own schema) as the user types: a field's message appears once it
 * was left or the form was submitted, and goes away as soon as the value is right. Server errors land beside the
 * field they name too (e.g. an agent that is not installed).
 */
export function NewTaskForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<TTaskFormValues>(INITIAL_TASK_FORM);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const create = useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries(trpc.tasks.list.pathFilter());
        router.push(`/tasks/${id}`);
      },
    }),
  );

  const validation = validateTaskForm(values);
  const clientErrors = Object.fromEntries(Object.entries(validation.errors).filter(([key]) => submitted || touched.has(key)));
  const serverErrors = formErrorsFrom(create.error, TASK_FIELD_NAMES, taskFieldOf);
  const errors = { ...serverErrors.fields, ...clientErrors };

  const change = (patch: Partial<TTaskFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    if (create.isError) create.reset(); // a stale server message beside an edited field misleads
  };
  const blur = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!validation.input) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input:not(:disabled)')?.focus());
      return;
    }
    create.mutate(validation.input);
  };
  const invalidCount = submitted ? Object.keys(validation.errors).length : 0;

  return (
    <Panel title="New evaluation task">
      <form ref={formRef} noValidate onSubmit={onSubmit} aria-label="New task" className="flex flex-col gap-6">
        <Field label="Title" hint="Optional; defaults to the repository and refs." error={errors.title}>
          {(ids) => (
            <input {...controlProps(ids)} name="title" className={`${INPUT_CLASS} w-full`} value={values.title} maxLength={200}
              onChange={(e) => change({ title: e.target.value })} onBlur={() => blur("title")} />
          )}
        </Field>
        <SourceFields values={values} errors={errors} onChange={change} onBlur={blur} />
        <AgentPicker selected={values.agents} error={errors.agents} onChange={(agents) => change({ agents })} />
        <RubricFields values={values} errors={errors} onChange={change} onBlur={blur} />
        <SettingsFields values={values} errors={errors} onChange={change} onBlur={blur} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={create.isPending || create.isSuccess}>
            {create.isPending ? "Creating…" : create.isSuccess ? "Opening task…" : "Create task"}
          </Button>
          {invalidCount > 0 ? (
            <p role="status" className="text-sm text-red-700 dark:text-red-400">
              {invalidCount === 1 ? "1 field needs attention." : `${invalidCount} fields need attention.`}
            </p>
          ) : null}
        </div>
        {serverErrors.form ? <ErrorMessage title="Task not created" message={serverErrors.form} /> : null}
      </form>
    </Panel>
  );
}
