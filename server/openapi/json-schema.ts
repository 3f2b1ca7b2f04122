import { z } from "zod";

export type TJsonSchema = Record<string, unknown>;

// zod 4's own converter (JSON Schema 2020-12, which OpenAPI 3.1 uses as is), with the two adjustments an API
// document needs: dates travel as ISO strings, and z.number().int()'s ±2^53 bounds are noise.
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): TJsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      const def = (zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as TJsonSchema;
  delete json.$schema;
  return json;
}

/** The properties of an object schema, each with whether it is required. */
export function objectProperties(schema: z.ZodType, io: "input" | "output"): { name: string; schema: TJsonSchema; required: boolean }[] {
  const json = toJsonSchema(schema, io) as { properties?: Record<string, TJsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, schema: property, required: json.required?.includes(name) ?? false }));
}
