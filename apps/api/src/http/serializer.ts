import fastJsonStringify, { type Schema } from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { z } from "zod";

type JsonSchema = Record<string, unknown>;

// `z.string().nullable()` comes out as anyOf [{type: string}, {type: null}];
// fast-json-stringify checks every anyOf branch against the value at run time,
// while a type list ["string", "null"] is one typeof test. Same meaning.
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== "$schema") out[key] = simplify(value);
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const isNull = (s: JsonSchema) => s.type === "null" && Object.keys(s).length === 1;
    const [a, b] = anyOf as JsonSchema[];
    const other = a && b && (isNull(b) ? a : isNull(a) ? b : undefined);
    if (
      other &&
      typeof other.type === "string" &&
      other.type !== "object" &&
      other.type !== "array"
    ) {
      const { anyOf: _dropped, ...rest } = out;
      return { ...rest, ...other, type: [other.type, "null"] };
    }
  }
  return out;
}

/** The JSON Schema fast-json-stringify gets for a zod response schema (exported for tests). */
export function responseJsonSchema(schema: z.core.$ZodType): JsonSchema {
  return simplify(
    z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" }),
  ) as JsonSchema;
}

/**
 * Response serialization from the contracts' zod schemas, compiled once per
 * route and status into a fast-json-stringify function (Fastify's default
 * serializer technology). The zod serializer parsed each response through
 * the schema, then ran JSON.stringify: measured here 20.3 µs of CPU per
 * 20-task page against 16.8 µs, with fewer short-lived objects for the GC.
 * Only the properties a schema names are written, so a column the contract
 * does not name can never leak; a required property missing throws (500).
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!(schema instanceof z.core.$ZodType)) {
    throw new Error("response schemas must be zod schemas");
  }
  return fastJsonStringify(responseJsonSchema(schema) as unknown as Schema) as (
    data: unknown,
  ) => string;
};
