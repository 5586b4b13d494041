import { appendedEvents, decodeAppended, encodeAppended, mayPass, mergeAppended, streamCategory } from './appended-events';
import { FilteredWakeUps, WakeUpSignal } from './wake-up-signal';

describe('what appends wrote, for wake-ups', () => {
  it('names a stream by its category: the id up to its first dash, or the whole id', () => {
    expect(streamCategory('request-5b0a0000-0000-4000-8000-000000000101')).toBe('request-');
    expect(streamCategory('survey-response-1')).toBe('survey-');
    expect(streamCategory('settings')).toBe('settings');
  });

  it('lets through every filter an appended event passes (prefix longer or shorter than the category)', () => {
    const appended = appendedEvents('survey-response-7', ['SurveyAnswerRecorded']);
    expect(mayPass({ streamPrefixes: ['survey-response-'] }, appended)).toBe(true);
    expect(mayPass({ streamPrefixes: ['surv'] }, appended)).toBe(true);
    expect(mayPass({ eventTypes: ['SurveyAnswerRecorded'] }, appended)).toBe(true);
    expect(mayPass({ streamPrefixes: ['survey-'], eventTypes: ['SurveyAnswerRecorded'] }, appended)).toBe(true);
    expect(mayPass(undefined, appended)).toBe(true);
    expect(mayPass({}, appended)).toBe(true);
  });

  it('keeps asleep a filter no appended event can pass, by stream or by type', () => {
    const appended = appendedEvents('request-1', ['MessageReceived']);
    expect(mayPass({ streamPrefixes: ['incident-', 'problem-'] }, appended)).toBe(false);
    expect(mayPass({ eventTypes: ['CommunicationRequested'] }, appended)).toBe(false);
    // Both must match, as a page read applies them.
    expect(mayPass({ streamPrefixes: ['request-'], eventTypes: ['RequestClosed'] }, appended)).toBe(false);
  });

  it('wakes everyone when it does not know what was appended', () => {
    expect(mayPass({ streamPrefixes: ['incident-'] }, undefined)).toBe(true);
    expect(mergeAppended(appendedEvents('request-1', ['A']), undefined)).toBeUndefined();
  });

  it('merges coalesced appends so each still wakes its subscribers', () => {
    const merged = mergeAppended(appendedEvents('request-1', ['MessageReceived']), appendedEvents('passes-2', ['PassIssued']));
    expect(mayPass({ streamPrefixes: ['request-'] }, merged)).toBe(true);
    expect(mayPass({ eventTypes: ['PassIssued'] }, merged)).toBe(true);
    expect(mayPass({ streamPrefixes: ['incident-'] }, merged)).toBe(false);
  });

  it('travels as a NOTIFY payload and back; an unreadable or oversized one means anything', () => {
    const appended = appendedEvents('request-1', ['MessageReceived', 'RequestRegistered']);
    const decoded = decodeAppended(encodeAppended(appended));
    expect(decoded && [...decoded.categories]).toEqual(['request-']);
    expect(decoded && [...decoded.types]).toEqual(['MessageReceived', 'RequestRegistered']);
    expect(encodeAppended(undefined)).toBeNull();
    expect(decodeAppended(null)).toBeUndefined();
    expect(decodeAppended('')).toBeUndefined();
    expect(decodeAppended('not json')).toBeUndefined();
    expect(decodeAppended('{"c":["request-"],"t":[1]}')).toBeUndefined();
    const huge = appendedEvents(
      'request-1',
      Array.from({ length: 500 }, (_, i) => `AnEventTypeWithAVeryLongName${i}`),
    );
    expect(encodeAppended(huge)).toBeNull();
  });
});

describe('FilteredWakeUps', () => {
  it('wakes the subscriptions an append concerns, all of them when it does not say', () => {
    const wakeUps = new FilteredWakeUps();
    const requests = new WakeUpSignal();
    const passes = new WakeUpSignal();
    const everything = new WakeUpSignal();
    wakeUps.add(requests, { streamPrefixes: ['request-', 'incident-'] });
    wakeUps.add(passes, { streamPrefixes: ['pass-'] });
    wakeUps.add(everything, undefined);

    wakeUps.wake(appendedEvents('request-1', ['MessageReceived']));
    expect([requests.version, passes.version, everything.version]).toEqual([1, 0, 1]);

    wakeUps.wake();
    expect([requests.version, passes.version, everything.version]).toEqual([2, 1, 2]);

    wakeUps.remove(requests);
    wakeUps.wake(appendedEvents('request-2', ['MessageReceived']));
    expect([requests.version, passes.version, everything.version]).toEqual([2, 1, 3]);
  });
});
