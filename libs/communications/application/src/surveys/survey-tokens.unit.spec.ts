import { signSurveyToken, verifySurveyToken } from './survey-tokens';

const id = '6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b';
const now = new Date('2026-12-08T10:00:00Z');
const later = new Date('2026-12-15T10:00:00Z');

describe('survey page tokens', () => {
  it('name the survey until they expire', () => {
    const token = signSurveyToken(id, later, 'secret');
    expect(verifySurveyToken(token, 'secret', now)).toEqual({ valid: true, communicationId: id, expiresAt: later });
    expect(verifySurveyToken(token, 'secret', new Date('2026-12-15T10:00:01Z'))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuse another secret, an edited token and garbage', () => {
    const token = signSurveyToken(id, later, 'secret');
    expect(verifySurveyToken(token, 'other', now)).toEqual({ valid: false, reason: 'bad-signature' });
    const longer = token.replace(/\.(\d+)\./, (_, s: string) => `.${Number(s) + 3600}.`);
    expect(verifySurveyToken(longer, 'secret', now)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifySurveyToken('nope', 'secret', now)).toEqual({ valid: false, reason: 'malformed' });
  });
});
