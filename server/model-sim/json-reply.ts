import type { TJsonSchema } from "./types";

// Replies to a CLI's JSON-mode calls (Gemini's model router and next-speaker checks): a value shaped by the schema the
// request carries. Known fields get the answer that lets the CLI carry on; everything else the schema's first choice.

const KNOWN: Record<string, unknown> = {
  next_speaker: "user",
  complexity_score: 10,
  complexity_reasoning: "A simple, read-only request.",
  model_choice: "flash",
  reasoning: "The request is simple.",
};

const typeOf = (schema: TJsonSchema): string => {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  return String(type ?? (schema.properties ? "object" : schema.items ? "array" : "string")).toLowerCase();
};

export function valueForSchema(schema: TJsonSchema | undefined, name = ""): unknown {
  if (name in KNOWN) return KNOWN[name];
  if (!schema) return "";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.anyOf) && schema.anyOf[0]) return valueForSchema(schema.anyOf[0], name);
  switch (typeOf(schema)) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) result[key] = valueForSchema(property, key);
      return result;
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    default:
      return name ? `simulated ${name.replace(/_/g, " ")}` : "simulated";
  }
}
