/** What a resident may attach to a request: photos and PDFs, 10 MiB each, five per message. */
export const PORTAL_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const PORTAL_FILES_PER_MESSAGE = 5;
export const portalContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export type PortalContentType = (typeof portalContentTypes)[number];

export type PortalFileRefusal =
  | { readonly rule: 'file-empty'; readonly detail: string }
  | { readonly rule: 'file-too-large'; readonly detail: string }
  | { readonly rule: 'file-type-not-allowed'; readonly detail: string }
  | { readonly rule: 'file-content-mismatch'; readonly detail: string };

/** The first bytes each allowed type starts with: a name or a header alone proves nothing. */
const signatures: Record<PortalContentType, (head: Buffer) => boolean> = {
  'image/jpeg': (h) => h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  'image/heic': (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(h.subarray(8, 12).toString('latin1')),
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
};

export const isPortalContentType = (value: string): value is PortalContentType => (portalContentTypes as readonly string[]).includes(value);

/** Undefined when the file may be stored; otherwise why not (the API's 413/415/422). */
export function checkPortalFile(contentType: string, content: Buffer): PortalFileRefusal | undefined {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!isPortalContentType(type)) {
    return { rule: 'file-type-not-allowed', detail: `${type || 'no type'} is not accepted: send ${portalContentTypes.join(', ')}.` };
  }
  if (content.length === 0) return { rule: 'file-empty', detail: 'The file is empty.' };
  if (content.length > PORTAL_FILE_MAX_BYTES) {
    return { rule: 'file-too-large', detail: `The file has ${content.length} bytes; at most ${PORTAL_FILE_MAX_BYTES} (10 MiB) are accepted.` };
  }
  if (!signatures[type](content.subarray(0, 16))) return { rule: 'file-content-mismatch', detail: `The content is not ${type}.` };
  return undefined;
}
