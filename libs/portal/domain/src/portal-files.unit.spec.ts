import { PORTAL_FILE_MAX_BYTES, checkPortalFile } from './portal-files';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const pdf = Buffer.from('%PDF-1.7\n');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4)]);

describe('portal file rules', () => {
  it.each([
    ['image/jpeg', jpeg],
    ['image/png', png],
    ['application/pdf', pdf],
    ['image/webp', webp],
    ['image/heic', heic],
    ['IMAGE/JPEG; charset=binary', jpeg],
  ])('accepts %s', (type, content) => {
    expect(checkPortalFile(type, content)).toBeUndefined();
  });

  it('refuses other types', () => {
    expect(checkPortalFile('text/html', Buffer.from('<html>'))?.rule).toBe('file-type-not-allowed');
    expect(checkPortalFile('', jpeg)?.rule).toBe('file-type-not-allowed');
  });

  it('refuses an empty file', () => {
    expect(checkPortalFile('image/png', Buffer.alloc(0))?.rule).toBe('file-empty');
  });

  it('refuses more than 10 MiB, and takes exactly 10 MiB', () => {
    const exactly = Buffer.concat([jpeg, Buffer.alloc(PORTAL_FILE_MAX_BYTES - jpeg.length)]);
    expect(checkPortalFile('image/jpeg', exactly)).toBeUndefined();
    expect(checkPortalFile('image/jpeg', Buffer.concat([exactly, Buffer.alloc(1)]))?.rule).toBe('file-too-large');
  });

  it('refuses content that is not what its type says', () => {
    expect(checkPortalFile('image/png', jpeg)?.rule).toBe('file-content-mismatch');
    expect(checkPortalFile('application/pdf', Buffer.from('MZ\x90\x00'))?.rule).toBe('file-content-mismatch');
  });
});
