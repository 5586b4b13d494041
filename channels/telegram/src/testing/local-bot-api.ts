import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  readonly token: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export interface BotApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A stand-in for the Telegram Bot API on a local port (TELEGRAM_API_ROOT): records every
 * `/bot<token>/<method>` call and answers like Telegram, `{ ok: true, result: Message }` for
 * sendMessage, unless a scripted answer says otherwise.
 */
export class LocalBotApi {
  readonly calls: BotApiCall[] = [];
  private readonly scripted: ((call: BotApiCall) => BotApiAnswer | undefined)[] = [];
  private messageIds = 500;
  private server: Server | undefined;
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the local Bot API is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The next `times` calls answer with `answer`, then Telegram's usual answers resume. */
  answerNext(times: number, answer: BotApiAnswer): void {
    let left = times;
    this.scripted.push(() => (left-- > 0 ? answer : undefined));
  }

  /** Every call to a chat answers `answer` (e.g. 400 chat not found). */
  answerForChat(chatId: number, answer: BotApiAnswer): void {
    this.scripted.push((call) => (call.body.chat_id === chatId ? answer : undefined));
  }

  sentTo(chatId: number): BotApiCall[] {
    return this.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId);
  }

  /** Resolves once `predicate` holds over the recorded calls. */
  until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the Bot API did not get the expected calls within ${timeoutMs} ms: ${JSON.stringify(this.calls)}`)),
        timeoutMs,
      );
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
        const text = Buffer.concat(chunks).toString('utf8');
        const call: BotApiCall = { token: match?.[1] ?? '', method: match?.[2] ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
        this.calls.push(call);
        const answer = this.answer(call);
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
        this.waiters = this.waiters.filter((w) => (w.predicate() ? (w.resolve(), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(call: BotApiCall): BotApiAnswer {
    for (const script of this.scripted) {
      const answer = script(call);
      if (answer) return answer;
    }
    if (call.method === 'editMessageText' || call.method === 'answerCallbackQuery') return { status: 200, body: { ok: true, result: true } };
    if (call.method !== 'sendMessage') return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    return {
      status: 200,
      body: {
        ok: true,
        result: { message_id: ++this.messageIds, date: Math.floor(Date.now() / 1000), chat: { id: call.body.chat_id, type: 'private' }, text: call.body.text },
      },
    };
  }
}

export const chatNotFound: BotApiAnswer = { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } };
export const serverError: BotApiAnswer = { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } };
