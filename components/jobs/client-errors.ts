// Reads the server's error shape (server/trpc/init.ts errorFormatter) into per-field messages for a form.

type TErrorData = {
  field?: string | null;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  requestId?: string | null;
} | null | undefined;

export type TFormErrors = { fields: Record<string, string>; form?: string };

/** The job form's controls: "params.seconds" belongs to the params field "seconds", anything else to itself ("type"). */
const jobFieldOf = (field: string) => (field.startsWith("params.") ? field.slice("params.".length) : field);

/**
 * `field` is a dotted input path ("params.seconds", "source.repository", "agents.0"); `fieldOf` names the form
 * control it belongs to. The message repeats the path first ("params.seconds: …"), which is dropped here.
 */
export function formErrorsFrom(
  error: { message: string; data?: TErrorData } | null | undefined,
  fieldNames: string[],
  fieldOf: (field: string) => string = jobFieldOf,
): TFormErrors {
  if (!error) return { fields: {} };
  const data = error.data;
  const field = data?.field ?? undefined;
  const message = field ? error.message.replace(new RegExp(`^${escapeRegExp(field)}: `), "") : error.message;
  if (field) {
    const name = fieldOf(field);
    if (fieldNames.includes(name)) return { fields: { [name]: message } };
  }
  const fieldErrors = data?.zodError?.fieldErrors ?? {};
  const fields: Record<string, string> = {};
  for (const [name, messages] of Object.entries(fieldErrors)) if (messages?.[0] && fieldNames.includes(name)) fields[name] = messages[0];
  return Object.keys(fields).length > 0 ? { fields } : { fields: {}, form: error.message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
