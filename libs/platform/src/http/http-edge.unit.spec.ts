import { DEFAULT_BODY_LIMIT, bodyLimitFor } from './http-edge';
import type { RouteBodyLimit } from './http-edge';

const limits: RouteBodyLimit[] = [
  { method: 'POST', path: '/incidents/:id/narrative', bytes: 256 * 1024, reason: 'narratives' },
  { method: 'POST', path: '/channels/telegram/webhook', bytes: 1024 * 1024, reason: 'captions' },
];

describe('body limits per route', () => {
  it.each([
    ['POST', '/incidents/7c1e0000-0000-4000-8000-000000000001/narrative', 256 * 1024],
    ['POST', '/incidents/7c1e0000-0000-4000-8000-000000000001/narrative/', 256 * 1024],
    ['POST', '/channels/telegram/webhook', 1024 * 1024],
    ['POST', '/incidents/x/hold', DEFAULT_BODY_LIMIT],
    ['PATCH', '/incidents/x/narrative', DEFAULT_BODY_LIMIT],
    ['POST', '/incidents/a/b/narrative', DEFAULT_BODY_LIMIT],
    ['POST', '/channels/telegram/webhook.json', DEFAULT_BODY_LIMIT],
  ])('gives %s %s %d bytes', (method, path, bytes) => {
    expect(bodyLimitFor(limits, method, path)).toBe(bytes);
  });
});
