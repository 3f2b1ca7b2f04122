import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Reads the OpenAPI document the way a client generator would: operations, their parameters, bodies and the
// schema of each documented response, and checks replies against them.

export type TSchema = Record<string, any>;
export type TParameter = { name: string; in: "path" | "query" | "header"; required?: boolean; schema: TSchema; example?: string };
export type TOperation = {
  operationId: string;
  parameters?: TParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: TSchema; example?: unknown }> };
  responses: Record<string, TSchema>;
  security?: unknown[];
};
export type TDoc = { paths: Record<string, Record<string, TOperation>>; components: TSchema };
export type TCase = { method: string; path: string; op: TOperation };

/** Every operation, reads first: mutations (cancel, retry, pause) run after every read has seen the data as it was. */
export function operations(doc: TDoc): TCase[] {
  const all = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  return [...all.filter((c) => c.method === "GET"), ...all.filter((c) => c.method !== "GET")];
}

/** Follows local $refs (#/components/...) until a concrete object. */
export function deref(doc: TDoc, value: TSchema): TSchema {
  let current = value;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node: TSchema, key: string) => node[key], doc as unknown as TSchema);
  }
  return current;
}

/** Fully inlines $refs, so ajv can compile a response schema on its own. */
export function inline(doc: TDoc, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => inline(doc, v));
  if (!value || typeof value !== "object") return value;
  const resolved = deref(doc, value as TSchema);
  return Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, inline(doc, v)]));
}

export function makeAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}

/** The path with its parameters filled in (values already URL-safe or encoded here). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}

/** A value of the wrong JSON type for a schema: text for numbers, arrays and objects; a number for text. */
export function wrongTypeFor(schema: TSchema): unknown {
  const types: string[] = [schema.type ?? []].flat();
  if (types.includes("string") || schema.enum || schema.const !== undefined) return 12345;
  if (types.includes("boolean")) return "yes";
  return "not-the-right-type";
}
