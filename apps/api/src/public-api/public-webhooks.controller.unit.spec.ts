import type { Response } from 'express';
import type { ApiKey, WebhookStore } from '@switchboard/communications';
import { ProblemException } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { PublicWebhooksController } from './public-webhooks.controller';

const key = { id: 'key-1' } as ApiKey;
const response = { setHeader: () => undefined } as unknown as Response;

const controller = (allowPrivateNetworks: boolean) => {
  const inserted: unknown[] = [];
  const store = { insert: async (w: unknown) => void inserted.push(w) } as unknown as WebhookStore;
  return { inserted, webhooks: new PublicWebhooksController(store, { webhooks: { allowPrivateNetworks } } as SwitchboardConfig) };
};

describe('public API: subscribing a webhook', () => {
  it('refuses a URL on the installation’s own network with a 400 that names the field and why, and stores nothing', async () => {
    const { inserted, webhooks } = controller(false);
    const refused = await webhooks
      .create(key, { url: 'http://169.254.169.254/latest/meta-data', events: ['CommunicationSent'] }, response)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).problem).toMatchObject({
      status: 400,
      errors: [{ field: 'url', message: expect.stringContaining('169.254.169.254 is in a private, loopback or reserved network') }],
    });
    expect(inserted).toEqual([]);
  });

  it('takes it when the installation allows its own network, and any public URL', async () => {
    const lan = controller(true);
    await lan.webhooks.create(key, { url: 'http://10.0.0.7/hooks', events: ['CommunicationSent'] }, response);
    expect(lan.inserted).toHaveLength(1);
    const closed = controller(false);
    await closed.webhooks.create(key, { url: 'https://hooks.example.com/switchboard', events: ['CommunicationSent'] }, response);
    expect(closed.inserted).toHaveLength(1);
  });
});
