// Turns a job type's params JSON Schema (from z.toJSONSchema) into form fields, and form values back into params.
// Only the shapes the catalog uses: flat objects of number, integer, boolean, string and string enums.

export type TFieldKind = "number" | "integer" | "boolean" | "string" | "enum";

export type TSchemaField = {
  name: string;
  kind: TFieldKind;
  required: boolean;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  options?: string[];
  defaultValue?: unknown;
};

/** Form state: text for inputs (so "-5" survives until the server judges it), booleans for checkboxes. */
export type TFormValues = Record<string, string | boolean>;

type TJsonSchemaProperty = { type?: string; enum?: unknown[]; description?: string; minimum?: number; maximum?: number; maxLength?: number; default?: unknown };

export function fieldsFromSchema(schema: Record<string, unknown>): TSchemaField[] {
  const properties = (schema.properties ?? {}) as Record<string, TJsonSchemaProperty>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    kind: kindOf(prop),
    required: required.has(name),
    description: prop.description,
    minimum: prop.minimum,
    maximum: prop.maximum,
    maxLength: prop.maxLength,
    options: Array.isArray(prop.enum) ? prop.enum.map(String) : undefined,
    defaultValue: prop.default,
  }));
}

function kindOf(prop: TJsonSchemaProperty): TFieldKind {
  if (Array.isArray(prop.enum)) return "enum";
  if (prop.type === "number" || prop.type === "integer" || prop.type === "boolean") return prop.type;
  return "string";
}

export function initialValues(fields: TSchemaField[]): TFormValues {
  return Object.fromEntries(
    fields.map((f) => [f.name, f.kind === "boolean" ? f.defaultValue === true : f.defaultValue === undefined ? "" : String(f.defaultValue)]),
  );
}

/** Empty inputs are left out so the schema's defaults (or its "required" error) apply on the server. */
export function toParams(fields: TSchemaField[], values: TFormValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === "boolean") params[field.name] = value === true;
    else if (typeof value === "string" && value.trim() !== "") {
      params[field.name] = field.kind === "number" || field.kind === "integer" ? Number(value) : value;
    }
  }
  return params;
}
