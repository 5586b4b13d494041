import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Grafana's data links and the Keycloak client point at console pages that exist, with the filter
 * parameters the console reads (apps/console/src/screens/list-filters-from-url.ts).
 */
const root = resolve(__dirname, '../..');
const consoleParameters = ['state', 'channel', 'assignee', 'clientId', 'q', 'service'];
const consolePages = [/^\/requests\/\$\{__data\.fields\.\w+\}$/, /^\/incidents\/\$\{__data\.fields\.\w+\}$/, /^\/requests$/, /^\/incidents$/, /^\/sites-sla$/];
/** Pages that read parameters of their own (the Site SLA screen: apps/console/src/screens/estate/site-sla.screen.tsx). */
const ownParameters: Record<string, string[]> = { '/sites-sla': ['site', 'category'] };

interface Panel {
  title: string;
  fieldConfig?: { defaults?: { links?: { url: string }[] } };
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating?: { list: { name: string; query?: string }[] };
}

describe('links into the console', () => {
  const dir = join(root, 'deploy/grafana/dashboards');
  const dashboards = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Dashboard);
  const links = dashboards.flatMap((d) =>
    d.panels
      .flatMap((p) => [p, ...(p.panels ?? [])])
      .flatMap((p) => (p.fieldConfig?.defaults?.links ?? []).map((l) => ({ dashboard: d.uid, panel: p.title, url: l.url }))),
  );

  it('has data links to check', () => {
    expect(links.length).toBeGreaterThan(5);
  });

  it.each(links.map((l) => [`${l.dashboard} / ${l.panel}`, l.url]))('%s opens a console page with parameters it reads: %s', (_, url) => {
    expect(url.startsWith('${console_url}/')).toBe(true);
    const [path, query = ''] = url.slice('${console_url}'.length).split('?');
    expect(consolePages.some((page) => page.test(path))).toBe(true);
    for (const [name] of new URLSearchParams(query)) expect(ownParameters[path] ?? consoleParameters).toContain(name);
  });

  it('points console_url at the console the API serves', () => {
    for (const d of dashboards) {
      const variable = d.templating?.list.find((v) => v.name === 'console_url');
      if (variable) expect(variable.query).toBe('http://localhost:3000/console');
    }
  });

  it('lets the Keycloak console client redirect only to the console, with PKCE', () => {
    const realm = JSON.parse(readFileSync(join(root, 'deploy/keycloak/switchboard-realm.json'), 'utf8')) as {
      clients: {
        clientId: string;
        publicClient: boolean;
        standardFlowEnabled: boolean;
        redirectUris: string[];
        webOrigins: string[];
        attributes: Record<string, string>;
      }[];
    };
    const client = realm.clients.find((c) => c.clientId === 'switchboard-console');
    expect(client).toMatchObject({ publicClient: true, standardFlowEnabled: true });
    expect(client?.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(client?.redirectUris).toContain('http://localhost:3000/console/*');
    for (const uri of client?.redirectUris ?? []) expect(uri).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):(3000|5173)\/console\/\*$/);
    expect(client?.webOrigins).toContain('http://localhost:3000');
  });
});
