import { routeContact, routingRuleMatches } from './route-contact';
import { routingPatternProblem } from './routing-pattern';
import type { RoutableContact, RoutingRule } from './routing-rule';

const rule = (id: string, conditions: RoutingRule['conditions'], outcome: Partial<RoutingRule['outcome']> = {}, enabled = true): RoutingRule => ({
  id,
  name: `rule ${id}`,
  enabled,
  conditions,
  outcome: { department: `dept-${id}`, ...outcome },
});
const telegram: RoutableContact = { channel: 'telegram', address: '1001', recipient: 'SwitchboardNorthBot', text: 'Интернет не работает уже час' };
const sms: RoutableContact = { channel: 'sms', address: '+79990001122', recipient: '7726', text: 'no signal at the office' };
const esb: RoutableContact = { channel: 'esb', address: 'billing', text: 'Payment failed for order 17' };

describe('routing rules', () => {
  it('routes to the first rule that matches, in order, with its priority, tags and name', () => {
    const rules = [rule('a', { channels: ['sms'] }), rule('b', { channels: ['telegram'] }, { priority: 'P2', tags: ['tg'] }), rule('c', {})];
    expect(routeContact(rules, telegram)).toEqual({ department: 'dept-b', priority: 'P2', tags: ['tg'], routedBy: { ruleId: 'b', ruleName: 'rule b' } });
    expect(routeContact(rules, sms)?.routedBy.ruleId).toBe('a');
    expect(routeContact(rules, esb)?.routedBy.ruleId).toBe('c');
  });

  it('leaves a contact no rule matches to the intake department', () => {
    expect(routeContact([rule('a', { channels: ['sms'] })], telegram)).toBeUndefined();
    expect(routeContact([], telegram)).toBeUndefined();
  });

  it('skips a disabled rule', () => {
    expect(routeContact([rule('a', {}, {}, false), rule('b', {})], telegram)?.routedBy.ruleId).toBe('b');
  });

  it('matches the number or bot the contact wrote to, ignoring case, and never a contact whose channel does not say', () => {
    expect(routingRuleMatches(rule('a', { recipients: ['switchboardnorthbot'] }), telegram)).toBe(true);
    expect(routingRuleMatches(rule('a', { recipients: ['7726'] }), sms)).toBe(true);
    expect(routingRuleMatches(rule('a', { recipients: ['7726'] }), esb)).toBe(false);
  });

  it('matches the kind of client the contact was identified as, and never an unidentified one', () => {
    const company: RoutableContact = { ...sms, client: { kind: 'legal-entity', inn: '7707083893' } };
    const person: RoutableContact = { ...sms, client: { kind: 'person' } };
    expect(routingRuleMatches(rule('a', { clientKinds: ['legal-entity'] }), company)).toBe(true);
    expect(routingRuleMatches(rule('a', { clientKinds: ['legal-entity'] }), person)).toBe(false);
    expect(routingRuleMatches(rule('a', { clientKinds: ['person'] }), person)).toBe(true);
    expect(routingRuleMatches(rule('a', { clientKinds: ['person'] }), sms)).toBe(false);
  });

  it('matches any of the client’s tags, whatever their case in the rule', () => {
    const vip: RoutableContact = { ...sms, client: { kind: 'person', tags: ['vip', 'north'] } };
    expect(routingRuleMatches(rule('a', { clientTags: ['VIP'] }), vip)).toBe(true);
    expect(routingRuleMatches(rule('a', { clientTags: ['key-account', 'north'] }), vip)).toBe(true);
    expect(routingRuleMatches(rule('a', { clientTags: ['key-account'] }), vip)).toBe(false);
    expect(routingRuleMatches(rule('a', { clientTags: ['vip'] }), sms)).toBe(false);
  });

  it('matches particular legal entities by INN', () => {
    const company: RoutableContact = { ...sms, client: { kind: 'legal-entity', inn: '7707083893' } };
    expect(routingRuleMatches(rule('a', { clientInns: ['7707083893'] }), company)).toBe(true);
    expect(routingRuleMatches(rule('a', { clientInns: ['7736207543'] }), company)).toBe(false);
    expect(routingRuleMatches(rule('a', { clientInns: ['7707083893'] }), sms)).toBe(false);
  });

  it('matches ESB sources only on the ESB', () => {
    expect(routingRuleMatches(rule('a', { esbSources: ['billing'] }), esb)).toBe(true);
    expect(routingRuleMatches(rule('a', { esbSources: ['billing'] }), { ...sms, address: 'billing' })).toBe(false);
  });

  it('matches any keyword in the first message, ignoring case, Cyrillic included', () => {
    expect(routingRuleMatches(rule('a', { keywords: ['ИНТЕРНЕТ', 'wifi'] }), telegram)).toBe(true);
    expect(routingRuleMatches(rule('a', { keywords: ['wifi'] }), telegram)).toBe(false);
  });

  it('matches a pattern over the first message, ignoring case', () => {
    expect(routingRuleMatches(rule('a', { pattern: 'order \\d+' }), esb)).toBe(true);
    expect(routingRuleMatches(rule('a', { pattern: '^no (signal|service)' }), sms)).toBe(true);
    expect(routingRuleMatches(rule('a', { pattern: '^signal' }), sms)).toBe(false);
  });

  it('needs every condition it has', () => {
    expect(routingRuleMatches(rule('a', { channels: ['sms'], keywords: ['signal'] }), sms)).toBe(true);
    expect(routingRuleMatches(rule('a', { channels: ['sms'], keywords: ['internet'] }), sms)).toBe(false);
  });

  it('looks only at the first 2,000 characters of a message', () => {
    expect(routingRuleMatches(rule('a', { keywords: ['needle'] }), { ...sms, text: `${'x'.repeat(2_000)}needle` })).toBe(false);
  });
});

describe('routing patterns', () => {
  it.each(['order \\d+', '^no (signal|service)', '(?:vip|gold) client', '[a-z]{2,10}-\\d{1,6}', 'a(bc)?d', '\\(\\d+\\)+', '[(+)]+x'])(
    'accepts %s',
    (pattern) => {
      expect(routingPatternProblem(pattern)).toBeUndefined();
    },
  );

  it.each([
    ['(a+)+$', /repeated group/],
    ['(a|a)*', /repeated group/],
    ['((ab)*)+', /repeated group/],
    ['(?:x\\d*){2,5}', /repeated group/],
    ['(a)\\1', /Backreferences/],
    ['(?=a)b', /Lookahead/],
    ['a{1,1000}', /limited to 100/],
    ['(', /not a valid regular expression/],
    ['', /empty/],
    ['a'.repeat(201), /longer than 200/],
  ])('refuses %s', (pattern, why) => {
    expect(routingPatternProblem(pattern)).toMatch(why);
  });

  it('refuses the classic catastrophic patterns before they run', () => {
    // If one of these slipped through, this test would hang rather than fail.
    for (const pattern of ['(a+)+b', '(a*)*b', '(a|aa)+b', '(.*a){12}']) expect(routingPatternProblem(pattern)).toBeDefined();
  });
});
