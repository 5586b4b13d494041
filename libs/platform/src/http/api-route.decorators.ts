import { Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from './openapi-schemas';
import type { OpenApiSchema } from './openapi-schemas';
import { problemSchema } from './problem-schema';
import { ZodValidationPipe } from './zod-validation.pipe';

/** Applies a method decorator from a parameter decorator (both describe the same handler). */
function onHandler(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) throw new Error('route input decorators belong on handler parameters');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`no handler ${String(key)}`);
  decorator(target, key, descriptor);
}

/** The JSON body, validated by `schema` and described by it in the OpenAPI document. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key, index);
    onHandler(target, key, ApiBody({ required: true, schema: openApiSchema(schema, 'input') as object }));
  };
}

/** The query parameters, validated by the object `schema`; each of its keys is a documented parameter. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key, index);
    for (const [name, property] of Object.entries(schema.shape) as [string, z.ZodType][]) {
      const described = openApiSchema(property, 'input');
      const list = described.type === 'array';
      onHandler(
        target,
        key,
        ApiQuery({
          name,
          required: !property.safeParse(undefined).success,
          schema: described as object,
          description: property.description,
          ...(list ? { style: 'form', explode: false } : {}),
        }),
      );
    }
  };
}

/** One path parameter, validated (and normalised, e.g. lower-cased) by `schema`. */
export function ZodParam(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ZodValidationPipe(schema, 'path'))(target, key, index);
    onHandler(target, key, ApiParam({ name, required: true, schema: openApiSchema(schema, 'input') as object, description: schema.description }));
  };
}

/** The operation's stable id (the console's generated client names its function after it) and summary. */
export function Operation(operationId: string, summary: string): MethodDecorator {
  return ApiOperation({ operationId, summary });
}

/** A success answer and its JSON schema; `null` for an answer without a body. */
export function Responds(status: number, schema: z.ZodType | null, description: string): MethodDecorator {
  const content = schema ? { 'application/json': { schema: openApiSchema(schema, 'output') as object } } : undefined;
  return ApiResponse({ status, description, ...(content ? { content } : {}) });
}

const problemDescriptions: Record<number, string> = {
  400: 'A bad field, parameter or header; `errors` names each.',
  401: 'No bearer token, or one that is not valid.',
  403: 'The caller may read this but not change it, or lacks the role.',
  404: 'No such entity for this caller (those they may not see included).',
  409: 'Changed since the caller read it (stale If-Match): `current` has the state and revision.',
  413: 'The body is over this route’s limit (`limit`, in bytes).',
  415: 'The body is not JSON.',
  422: 'A move the state machine refuses (`state`, `allowedActions`), a business rule (`rule`), or a reused Idempotency-Key.',
  429: 'Over the API key’s requests per minute; `Retry-After` says in how many seconds the next window opens.',
  503: 'A dependency (identity provider, user directory, LegacyDB) cannot answer now; try again.',
};

/** The errors a route can answer, each as application/problem+json (RFC 9457). */
export function Problems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const status of statuses) {
      const decorator = ApiResponse({
        status,
        description: problemDescriptions[status] ?? 'Error.',
        content: { 'application/problem+json': { schema: openApiSchema(problemSchema, 'output') as object } },
      });
      if (key === undefined) (decorator as ClassDecorator)(target as never);
      else (decorator as MethodDecorator)(target, key, descriptor as PropertyDescriptor);
    }
  };
}

export type { OpenApiSchema };
