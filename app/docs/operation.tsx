// One operation of the OpenAPI document, rendered plainly: no client JavaScript, no CDN.
type TSchema = Record<string, unknown>;
type TParameter = { name: string; in: string; required?: boolean; description?: string; schema?: TSchema; example?: unknown };
type TResponse = { $ref?: string; description?: string; content?: Record<string, { schema?: TSchema }> };
export type TOperation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: TParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: TSchema; example?: unknown }> };
  responses: Record<string, TResponse>;
  security?: unknown[];
};

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  delete: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** `string`, `integer ≥ 1 ≤ 200`, `"a" | "b"`, `string[]`: enough to call the API without reading JSON Schema. */
function typeOf(schema: TSchema | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items as TSchema)}[]`;
  const bounds = [schema.minimum !== undefined ? `≥ ${schema.minimum}` : "", schema.maximum !== undefined ? `≤ ${schema.maximum}` : ""].filter(Boolean).join(" ");
  return [String(schema.format ?? schema.type ?? "any"), bounds].filter(Boolean).join(" ");
}

const Json = ({ value }: { value: unknown }) => <pre className="overflow-x-auto rounded bg-zinc-100 p-3 text-xs dark:bg-zinc-900">{JSON.stringify(value, null, 2)}</pre>;

export function Operation({ method, path, op }: { method: string; path: string; op: TOperation }) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950">
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-baseline gap-2 font-mono text-sm">
        <span className={`rounded px-1.5 py-0.5 text-xs font-bold uppercase ${METHOD_COLOURS[method] ?? ""}`}>{method}</span>
        <span className="font-semibold">{path}</span>
      </h3>
      {op.summary ? <p className="mt-1 text-sm">{op.summary}</p> : null}
      {op.description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{op.description}</p> : null}
      {op.parameters?.length ? (
        <table className="mt-3 w-full table-fixed text-left text-xs">
          <caption className="sr-only">Parameters of {op.operationId}</caption>
          <thead className="text-zinc-500">
            <tr>
              <th className="w-48 py-1 pr-3 font-medium">Parameter</th>
              <th className="w-20 py-1 pr-3 font-medium">In</th>
              <th className="py-1 font-medium">Type</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1 pr-3 font-mono">
                  {p.name}
                  {p.required ? <span title="required"> *</span> : null}
                </td>
                <td className="py-1 pr-3">{p.in}</td>
                <td className="py-1 font-mono break-words">{typeOf(p.schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {body ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">
            Request body ({body[0]}){op.requestBody?.required ? ", required" : ", optional"}
          </summary>
          {body[1].example !== undefined ? (
            <>
              <p className="mt-2 text-xs text-zinc-500">Example</p>
              <Json value={body[1].example} />
            </>
          ) : null}
          <p className="mt-2 text-xs text-zinc-500">Schema</p>
          <Json value={body[1].schema} />
        </details>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">Responses: {Object.keys(op.responses).join(", ")}</summary>
        <ul className="mt-2 space-y-2">
          {Object.entries(op.responses).map(([status, response]) => (
            <li key={status}>
              <span className="font-mono font-semibold">{status}</span> {response.description ?? response.$ref?.split("/").pop()}
              {Object.entries(response.content ?? {}).map(([type, media]) => (
                <div key={type} className="mt-1">
                  <p className="text-xs text-zinc-500">{type}</p>
                  {media.schema ? <Json value={media.schema} /> : null}
                </div>
              ))}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
