import { CachedTelegramChats } from './cached-telegram-chats';
import type { TelegramChats } from './telegram-chats';

function storedChats(): TelegramChats & { phones: Map<string, string>; reads: number } {
  const phones = new Map<string, string>();
  const chats = {
    phones,
    reads: 0,
    async phoneOf(chatId: string) {
      chats.reads += 1;
      return phones.get(chatId);
    },
    async link(chatId: string, phone: string) {
      phones.set(chatId, phone);
    },
  };
  return chats;
}

describe('Telegram chats with their phones remembered', () => {
  it('asks the store once per chat within the time to live, and again after it', async () => {
    let clock = 0;
    const stored = storedChats();
    stored.phones.set('1', '+79160000001');
    const cached = new CachedTelegramChats(stored, { ttlMs: 5_000, capacity: 10, now: () => clock });
    expect(await cached.phoneOf('1')).toBe('+79160000001');
    expect(await cached.phoneOf('2')).toBeUndefined();
    expect(await cached.phoneOf('1')).toBe('+79160000001');
    expect(await cached.phoneOf('2')).toBeUndefined();
    expect(stored.reads).toBe(2);
    // Linked through another gateway: seen once the remembered answer has expired.
    stored.phones.set('2', '+79160000002');
    clock = 5_001;
    expect(await cached.phoneOf('2')).toBe('+79160000002');
    expect(stored.reads).toBe(3);
  });

  it('knows a link made through it at once, and forgets the oldest chats beyond its capacity', async () => {
    const stored = storedChats();
    const cached = new CachedTelegramChats(stored, { ttlMs: 60_000, capacity: 2 });
    expect(await cached.phoneOf('1')).toBeUndefined();
    await cached.link('1', '+79160000001', new Date());
    expect(await cached.phoneOf('1')).toBe('+79160000001');
    await cached.phoneOf('2');
    await cached.phoneOf('3');
    const reads = stored.reads;
    await cached.phoneOf('1');
    expect(stored.reads).toBe(reads + 1);
  });
});
