import { randomBytes } from 'node:crypto';
import { matchConversation } from '../../../src/domain/inbound-transcript';
import { retryAfterMs } from '../../../src/integrations/http';
import { mapColumns } from '../../../src/integrations/monday';
import { createSecretBox, parseSecretKey } from '../../../src/lib/secret-box';
import { notionDatabaseId } from '../../../src/services/integration.service';

describe('matching a meeting to a review conversation', () => {
  const at = new Date('2026-12-10T14:00:00Z');
  const candidates = [
    { participantId: 'far', conversationAt: new Date('2026-12-10T03:00:00Z'), emails: ['e@x.io', 'm@x.io'] },
    { participantId: 'near', conversationAt: new Date('2026-12-10T15:00:00Z'), emails: ['e@x.io', 'm@x.io'] },
    { participantId: 'other', conversationAt: at, emails: ['o@x.io', 'm@x.io'] },
  ];
  it('needs both people among the attendees, within twelve hours; the nearest wins', () => {
    expect(matchConversation(at, ['M@x.io', 'e@x.io', 'guest@y.io'], candidates)?.participantId).toBe('near');
    expect(matchConversation(at, ['e@x.io'], candidates)).toBeUndefined();
    expect(matchConversation(new Date('2026-12-11T04:00:01Z'), ['e@x.io', 'm@x.io'], candidates)).toBeUndefined();
  });
  it('never matches a conversation whose people have no emails on record', () => {
    expect(matchConversation(at, ['e@x.io'], [{ participantId: 'x', conversationAt: at, emails: ['e@x.io'] }])).toBeUndefined();
  });
});

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));
  it('opens what it sealed, and seals the same text differently each time', () => {
    const sealed = box.seal('secret_abc');
    expect(sealed).not.toContain('secret_abc');
    expect(box.seal('secret_abc')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('secret_abc');
  });
  it('refuses a tampered ciphertext or another key', () => {
    const sealed = box.seal('secret_abc');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), data.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
  it('takes a key as 64 hex characters or 32 bytes of base64, nothing else', () => {
    expect(parseSecretKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseSecretKey(randomBytes(32).toString('base64'))?.length).toBe(32);
    expect(parseSecretKey('too short')).toBeUndefined();
  });
});

describe('tool details', () => {
  it('reads Retry-After as seconds or an HTTP date, with a default when absent', () => {
    expect(retryAfterMs('2.5')).toBe(2500);
    expect(retryAfterMs('Thu, 10 Dec 2026 10:00:30 GMT', Date.parse('2026-12-10T10:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(null)).toBe(30_000);
  });
  it('finds a Notion database id in a link or as typed', () => {
    expect(notionDatabaseId('https://www.notion.so/acme/Goals-0123456789abcdef0123456789ABCDEF?v=fedcba98765432100123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(notionDatabaseId('01234567-89ab-cdef-0123-456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(notionDatabaseId('Goals')).toBeUndefined();
  });
  it('maps a monday.com board’s columns by title and type', () => {
    expect(mapColumns([
      { id: 'n', title: ' progress ', type: 'numbers' },
      { id: 's', title: 'Status', type: 'text' },
      { id: 'k', title: 'Cadence ID', type: 'text' },
    ])).toEqual({ progress: 'n', key: 'k' });
  });
});
