import { isMarketingStop } from './stop-words';

describe('isMarketingStop', () => {
  it.each(['STOP', 'stop', ' Stop! ', 'СТОП', 'стоп.', 'Unsubscribe', 'Отписаться', '/stop', '/stop@switchboard_bot'])('opts out on %p', (text) => {
    expect(isMarketingStop(text)).toBe(true);
  });

  it.each(['', 'stop the works at night please', 'не стоп', 'stopp', 'STOP STOP', '/start'])('leaves %p to the operators', (text) => {
    expect(isMarketingStop(text)).toBe(false);
  });
});
