import { z } from 'zod';

/** An OpenAPI 3.0 schema object (JSON Schema draft-04 flavoured), as zod writes it. */
export type OpenApiSchema = Record<string, unknown>;

type Io = 'input' | 'output';

// Request bodies are described as clients send them (before trimming, coercing), answers as we send them.
const bodies = z.registry<{ id: string }>();
const answers = z.registry<{ id: string }>();

const componentRef = (id: string): OpenApiSchema => ({ $ref: `#/components/schemas/${id}` });

/** A query or path parameter's wire form where zod cannot tell it (a comma list, a date-time string). */
const docs = z.registry<{ schema: OpenApiSchema }>();

/** Describes `schema` in the OpenAPI document as `wire` (its transforms do not say what a client sends). */
export function describedAs<T extends z.ZodType>(schema: T, wire: OpenApiSchema): T {
  docs.add(schema, { schema: wire });
  return schema;
}

/** A request body schema, named in the document's components. */
export function bodySchema<T extends z.ZodType>(id: string, schema: T): T {
  bodies.add(schema, { id });
  return schema;
}

/** An answer schema, named in the document's components. */
export function answerSchema<T extends z.ZodType>(id: string, schema: T): T {
  answers.add(schema, { id });
  return schema;
}

const override = ({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: Record<string, unknown> }): void => {
  const wire = docs.get(zodSchema as z.ZodType)?.schema;
  if (!wire) return;
  for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
  Object.assign(jsonSchema, wire);
};

const options = (io: Io) => ({ target: 'openapi-3.0' as const, io, unrepresentable: 'any' as const, override });

/** The schema inline, or a reference to its component when it is a named body or answer. */
export function openApiSchema(schema: z.ZodType, io: Io): OpenApiSchema {
  const named = (io === 'input' ? bodies : answers).get(schema);
  if (named) return componentRef(named.id);
  const { $schema: _, ...json } = z.toJSONSchema(schema, options(io)) as OpenApiSchema;
  return json;
}

/** Every named body and answer schema, for `components.schemas` (references between them resolve there). */
export function openApiComponents(): Record<string, OpenApiSchema> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const input = z.toJSONSchema(bodies, { ...options('input'), uri }) as { schemas: Record<string, OpenApiSchema> };
  const output = z.toJSONSchema(answers, { ...options('output'), uri }) as { schemas: Record<string, OpenApiSchema> };
  // OpenAPI 3.0 schema objects take neither `$schema` nor `$id`.
  const strip = (schemas: Record<string, OpenApiSchema>) =>
    Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
  return { ...strip(input.schemas), ...strip(output.schemas) };
}
