import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { FileStorage, isFileId } from './file-storage';
import type { StoredFile, StoredFileMeta } from './file-storage';

export interface S3Location {
  /** Path-style bucket URL: `https://s3.example.com/bucket` (MinIO, Ceph, Yandex Object Storage, AWS). */
  readonly url: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * Files in an S3-compatible bucket through plain PUT and GET Object, signed with AWS Signature
 * Version 4 (no SDK: two calls need none). Metadata travels as `x-amz-meta-*` headers. The body is
 * buffered to sign its hash: the API caps uploads at 10 MiB, so that is bounded.
 */
export class S3FileStorage extends FileStorage {
  constructor(
    private readonly location: S3Location,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    super();
  }

  async put(content: Readable | Buffer, meta: Omit<StoredFileMeta, 'size'>): Promise<{ fileId: string; size: number }> {
    const body = Buffer.isBuffer(content) ? content : Buffer.concat(await content.toArray());
    const fileId = randomUUID();
    const headers: Record<string, string> = {
      'content-type': meta.contentType,
      'x-amz-meta-owner': encodeURIComponent(meta.owner),
      ...(meta.name ? { 'x-amz-meta-name': encodeURIComponent(meta.name) } : {}),
    };
    const response = await this.fetchImpl(this.objectUrl(fileId), { method: 'PUT', headers: this.sign('PUT', fileId, headers, body), body });
    if (!response.ok) throw new Error(`S3 PUT ${fileId}: ${response.status} ${await response.text()}`);
    return { fileId, size: body.length };
  }

  async get(fileId: string): Promise<StoredFile | undefined> {
    if (!isFileId(fileId)) return undefined;
    const response = await this.fetchImpl(this.objectUrl(fileId), { method: 'GET', headers: this.sign('GET', fileId, {}, Buffer.alloc(0)) });
    if (response.status === 404) return undefined;
    if (!response.ok || !response.body) throw new Error(`S3 GET ${fileId}: ${response.status}`);
    const name = response.headers.get('x-amz-meta-name');
    return {
      meta: {
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        owner: decodeURIComponent(response.headers.get('x-amz-meta-owner') ?? ''),
        size: Number(response.headers.get('content-length') ?? 0),
        ...(name ? { name: decodeURIComponent(name) } : {}),
      },
      content: Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
    };
  }

  private objectUrl(fileId: string): URL {
    return new URL(`${this.location.url.replace(/\/+$/, '')}/${fileId}`);
  }

  /** The request's headers with its SigV4 Authorization (service `s3`). */
  sign(method: string, fileId: string, headers: Record<string, string>, body: Buffer, now = new Date()): Record<string, string> {
    const url = this.objectUrl(fileId);
    const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const all: Record<string, string> = { ...headers, host: url.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': sha256(body) };
    const names = Object.keys(all)
      .map((n) => n.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v.trim()]));
    const signedHeaders = names.join(';');
    const canonical = [method, url.pathname, '', names.map((n) => `${n}:${lower[n]}\n`).join(''), signedHeaders, lower['x-amz-content-sha256']].join('\n');
    const scope = `${day}/${this.location.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${this.location.secretAccessKey}`, day), this.location.region), 's3'), 'aws4_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    const { host: _host, ...sent } = all;
    return {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.location.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  }
}
