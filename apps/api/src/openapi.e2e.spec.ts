import { startOperatorApi } from './testing/operator-api';
import type { OperatorApi } from './testing/operator-api';

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  $ref?: string;
  format?: string;
  maximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme?: string }> };
}

/** The OpenAPI document the console generates its client from: complete and accurate. */
describe('the operator API describes itself', () => {
  let api: OperatorApi;
  let doc: Document;
  // The operator API's own routes (the gateway's /me/events is the phone channel's).
  const operatorPaths = /^\/(requests|incidents|clients|orders|services|me|directory)(\/|$)(?!events)/;
  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => operatorPaths.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop() ?? ''] : schema);
  const param = (path: string, name: string) => doc.paths[path].get.parameters?.find((p) => p.name === name);

  beforeAll(async () => {
    api = await startOperatorApi('api_openapi');
    doc = (await (await fetch(`${api.url}/docs/openapi.json`)).json()) as Document;
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('names every operation once, tags it and says it needs a bearer token', () => {
    expect(operations().length).toBeGreaterThanOrEqual(31);
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      expect(operation.tags?.length).toBeGreaterThan(0);
      expect(operation.summary).toBeTruthy();
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // OpenAPI 3.0 schema objects: no JSON Schema document keywords.
    expect(JSON.stringify(doc.components.schemas)).not.toMatch(/"\$(id|schema)"/);
  });

  it('gives every command its JSON body schema', () => {
    const writes = operations().filter(({ method }) => method === 'post' || method === 'patch');
    expect(writes.length).toBeGreaterThanOrEqual(19);
    for (const { path, method, operation } of writes) {
      const schema = resolve(operation.requestBody?.content['application/json']?.schema);
      if (!schema) throw new Error(`${method.toUpperCase()} ${path} has no body schema`);
      // An object, or one of several objects (a saved filter of requests or of incidents).
      expect([schema.type, ...(schema.oneOf ?? []).map((s) => s.type)].filter(Boolean).every((type) => type === 'object')).toBe(true);
      expect(schema.type ?? schema.oneOf).toBeDefined();
    }
    const reply = resolve(doc.paths['/requests/{id}/reply'].post.requestBody?.content['application/json'].schema);
    expect(reply?.properties?.text).toMatchObject({ type: 'string' });
  });

  it('lists every query parameter of the lists with its type and enum', () => {
    expect(param('/requests', 'state')?.schema).toMatchObject({ type: 'array', items: { enum: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'] } });
    expect(param('/requests', 'channel')?.schema?.items?.enum).toContain('telegram');
    expect(param('/requests', 'from')?.schema).toMatchObject({ type: 'string', format: 'date-time' });
    expect(param('/requests', 'sort')?.schema?.enum).toEqual(['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'dueAt', '-dueAt']);
    expect(param('/requests', 'breached')?.schema).toMatchObject({ type: 'boolean' });
    expect(param('/requests', 'limit')?.schema).toMatchObject({ type: 'integer', maximum: 100 });
    expect(param('/incidents', 'state')?.schema?.items?.enum).toContain('ON_HOLD');
    expect(param('/incidents', 'workGroup')?.schema).toMatchObject({ type: 'integer' });
    expect(param('/directory/users', 'role')?.schema?.enum).toEqual([
      'HelpDeskUser',
      'HelpDeskManager',
      'SL3User',
      'SL3Manager',
      'CommunicationsAdmin',
      'SiteManager',
      'ClientService',
      'Security',
      'Concierge',
      'Dispatcher',
      'ClientManager',
      'Technician',
      'Resident',
      'AccessAdmin',
    ]);
    expect(param('/requests/{id}', 'id')).toMatchObject({ in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  });

  it('describes the answers, and the errors as problem+json', () => {
    const detail = resolve(doc.paths['/requests/{id}'].get.responses['200'].content?.['application/json'].schema);
    expect(Object.keys(detail?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'revision', 'state', 'conversation', 'history', 'statusHistory', 'incidents']),
    );
    const accepted = resolve(doc.paths['/requests/{id}/reply'].post.responses['202'].content?.['application/json'].schema);
    expect(Object.keys(accepted?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'position', 'revision']));
    for (const { path, method, operation } of operations()) {
      const success = Object.keys(operation.responses).filter((s) => s.startsWith('2'));
      if (success.length === 0) throw new Error(`${method.toUpperCase()} ${path} describes no success`);
      const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      for (const status of takesInput ? ['400', '401'] : ['401']) {
        if (!operation.responses[status]?.content?.['application/problem+json'])
          throw new Error(`${method.toUpperCase()} ${path} does not describe its ${status}`);
      }
    }
    const reply = doc.paths['/requests/{id}/reply'].post.responses;
    for (const status of ['403', '404', '409', '413', '422']) expect(reply[status]?.content?.['application/problem+json']).toBeDefined();
    expect(resolve(reply['422'].content?.['application/problem+json'].schema)?.properties).toHaveProperty('type');
  });
});
