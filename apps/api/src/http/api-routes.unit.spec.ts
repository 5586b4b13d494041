import 'reflect-metadata';
import { Body, Controller, Get, Param, Post, Query, RequestMethod } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { z } from 'zod';
import { Operation, Responds, ZodBody, ZodParam, ZodQuery, ZodValidationPipe } from '@switchboard/platform';
import { ApiModule } from '../api.module';

interface RouteArgument {
  readonly index: number;
  readonly data?: string;
  readonly pipes?: unknown[];
}

// @nestjs/swagger's metadata keys (its constants module is not exported).
const DECORATORS = { API_OPERATION: 'swagger/apiOperation', API_RESPONSE: 'swagger/apiResponse', API_EXCLUDE_CONTROLLER: 'swagger/apiExcludeController' };

const validated = (argument: RouteArgument) => (argument.pipes ?? []).some((pipe) => pipe instanceof ZodValidationPipe);
const WRITES = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH];

/**
 * What the OpenAPI document would miss or misstate about a controller's routes: an input not
 * validated (and so not described) by a zod schema, a path parameter without one, a write without
 * a body schema, an operation without an id or a described answer.
 */
function routeProblems(controller: Type): string[] {
  const problems: string[] = [];
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = (controller.prototype as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    const path = `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
    const route = `${RequestMethod[method]} ${path} (${controller.name}.${name})`;
    const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>).map(([key, argument]) => ({
      type: Number(key.split(':')[0]),
      ...argument,
    }));
    const inputs = args.filter((a) => a.type === RouteParamtypes.BODY || a.type === RouteParamtypes.QUERY || a.type === RouteParamtypes.PARAM);
    for (const input of inputs.filter((a) => !validated(a)))
      problems.push(`${route}: ${RouteParamtypes[input.type].toLowerCase()} ${input.data ?? ''} has no zod schema`);
    for (const param of path.match(/:\w+/g) ?? []) {
      if (!inputs.some((a) => a.type === RouteParamtypes.PARAM && a.data === param.slice(1) && validated(a)))
        problems.push(`${route}: path parameter ${param} has no zod schema`);
    }
    if (WRITES.includes(method) && !inputs.some((a) => a.type === RouteParamtypes.BODY && validated(a)))
      problems.push(`${route}: a write without a body schema`);
    if (!(Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId)
      problems.push(`${route}: no operationId`);
    const responses = Object.keys((Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as object);
    if (!responses.some((status) => status.startsWith('2'))) problems.push(`${route}: no success answer described`);
  }
  return problems;
}

const body = z.object({ text: z.string() });

@Controller('sloppy')
class SloppyController {
  @Post(':id')
  @Operation('sloppyWrite', 'A write that takes its input unchecked.')
  @Responds(202, null, 'Accepted.')
  write(@Param('id') id: string, @Body() input: unknown): unknown {
    return { id, input };
  }

  @Get()
  list(@Query() query: unknown): unknown {
    return query;
  }
}

@Controller('careful')
class CarefulController {
  @Post(':id')
  @Operation('carefulWrite', 'A write with every input checked and described.')
  @Responds(202, null, 'Accepted.')
  write(
    @ZodParam('id', z.string()) id: string,
    @ZodBody(body) input: z.output<typeof body>,
    @ZodQuery(z.object({ dryRun: z.string().optional() })) query: object,
  ): unknown {
    return { id, input, query };
  }
}

describe('the operator API’s routes', () => {
  // The API module's own controllers and those of the modules it imports (live events, calls).
  const modules = [ApiModule, ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, ApiModule) ?? []) as Type[])];
  // Controllers left out of the document on purpose (the console's static files) describe nothing.
  const controllers = modules
    .flatMap((m) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, m) ?? []) as Type[])
    .filter((c) => !(Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, c) as unknown[] | undefined)?.[0]);

  it('are all checked', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(11);
    expect(controllers.map((c) => c.name)).toEqual(expect.arrayContaining(['OperatorEventsController', 'CallRequestsController']));
  });

  it.each(controllers.map((c) => [c.name, c]))('%s validates and describes every input with a zod schema and names every operation', (_, controller) => {
    expect(routeProblems(controller)).toEqual([]);
  });

  it('are held to it: a route with an unchecked body, path parameter or query fails', () => {
    expect(routeProblems(SloppyController).sort()).toEqual(
      [
        'POST /sloppy/:id (SloppyController.write): param id has no zod schema',
        'POST /sloppy/:id (SloppyController.write): body  has no zod schema',
        'POST /sloppy/:id (SloppyController.write): path parameter :id has no zod schema',
        'POST /sloppy/:id (SloppyController.write): a write without a body schema',
        'GET /sloppy (SloppyController.list): query  has no zod schema',
        'GET /sloppy (SloppyController.list): no operationId',
        'GET /sloppy (SloppyController.list): no success answer described',
      ].sort(),
    );
    expect(routeProblems(CarefulController)).toEqual([]);
  });
});
