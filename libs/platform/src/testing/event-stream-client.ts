export interface ServerSentEvent {
  readonly type: string;
  readonly data: string;
}

/** A client of a server-sent events stream (an operator's console on GET /me/events), as EventSource reads it. */
export class EventStreamClient {
  readonly events: ServerSentEvent[] = [];
  private readonly abort = new AbortController();

  /** Opens the stream and waits for its `ready` event; `headers` carry the bearer token, or nothing with a `?ticket=` URL. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status} ${await response.text()}`);
    void client.read(response.body);
    await client.next('ready');
    return client;
  }

  async next(type: string, predicate: (data: string) => boolean = () => true, timeoutMs = 10_000): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.type === type && predicate(e.data));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart());
          if (field('data').length) this.events.push({ type: field('event')[0] ?? 'message', data: field('data').join('\n') });
        }
      }
    } catch {
      // aborted by close()
    }
  }
}
