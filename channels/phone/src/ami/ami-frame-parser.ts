/** One AMI message (event, response): its `Key: Value` lines, keys as Asterisk spells them. */
export type AmiMessage = Readonly<Record<string, string>>;

/**
 * Splits the AMI byte stream into messages: a banner line (`Asterisk Call Manager/5.0.1`) first,
 * then blocks of `Key: Value` lines, each block ended by an empty line (CRLF, tolerant of LF).
 */
export class AmiFrameParser {
  private buffer = '';
  private bannerSeen = false;
  banner: string | undefined;

  push(chunk: string): AmiMessage[] {
    this.buffer += chunk.replace(/\r\n/g, '\n');
    const messages: AmiMessage[] = [];
    if (!this.bannerSeen) {
      const end = this.buffer.indexOf('\n');
      if (end < 0) return messages;
      this.banner = this.buffer.slice(0, end).trim();
      this.buffer = this.buffer.slice(end + 1);
      this.bannerSeen = true;
    }
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message = parseBlock(block);
      if (message) messages.push(message);
    }
    return messages;
  }
}

function parseBlock(block: string): AmiMessage | undefined {
  const message: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    message[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return Object.keys(message).length ? message : undefined;
}

/** Writes an action; values never contain line breaks (they would start a new field). */
export function amiAction(fields: Readonly<Record<string, string>>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value.replace(/[\r\n]+/g, ' ')}`)
    .join('\r\n')}\r\n\r\n`;
}
