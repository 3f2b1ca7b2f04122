import { z } from "zod";

// Query strings carry only text. The route's own zod schema says which fields are numbers, booleans or lists
// (read through its JSON Schema, the same view the OpenAPI document shows), so `?limit=20&status=failed,queued`
// becomes { limit: 20, status: ["failed", "queued"] } and the schema then validates it as usual. Values that
// do not convert stay text, so the schema names the field ("limit: expected number, received string").

type TProperty = { type?: string | string[]; anyOf?: TProperty[] };

const typesOf = (property: TProperty | undefined): string[] =>
  !property ? [] : [...[property.type ?? []].flat(), ...(property.anyOf ?? []).flatMap(typesOf)];

const cache = new WeakMap<z.ZodType, Record<string, TProperty>>();

export function queryProperties(schema: z.ZodType): Record<string, TProperty> {
  let properties = cache.get(schema);
  if (!properties) {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, TProperty> };
    properties = json.properties ?? {};
    cache.set(schema, properties);
  }
  return properties;
}

export function queryInput(search: URLSearchParams, schema: z.ZodType): Record<string, unknown> {
  const properties = queryProperties(schema);
  const input: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    const types = typesOf(properties[name]);
    if (types.includes("array")) input[name] = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    else input[name] = convert(values[values.length - 1]!, types);
  }
  return input;
}

function convert(value: string, types: string[]): unknown {
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}
