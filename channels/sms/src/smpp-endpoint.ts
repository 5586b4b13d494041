/** Where and as whom to bind: SMPP_URL, `smpp://system_id:password@host:port` (`ssmpp://` for TLS). */
export interface SmppEndpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly password: string;
  /** The URL without the password, for logs. */
  readonly display: string;
}

export function parseSmppUrl(raw: string): SmppEndpoint {
  const url = new URL(raw);
  const tls = url.protocol === 'ssmpp:';
  if (!tls && url.protocol !== 'smpp:') throw new Error(`SMPP_URL must be smpp:// or ssmpp://, got ${url.protocol}`);
  if (!url.username || !url.hostname) throw new Error('SMPP_URL needs a system_id and a host: smpp://system_id:password@host:port');
  const port = url.port ? Number(url.port) : tls ? 3550 : 2775;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    tls,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    display: `${url.protocol}//${decodeURIComponent(url.username)}@${host}:${port}`,
  };
}
