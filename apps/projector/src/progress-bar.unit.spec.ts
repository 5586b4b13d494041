import { ProgressBar, formatDuration } from './progress-bar';

class Capture {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('rebuild progress bar', () => {
  it('prints a line per 10 % with events/s and ETA when stderr is not a terminal', () => {
    let now = 0;
    const out = new Capture(false);
    const bar = new ProgressBar(out, 'request-list', () => now);
    for (let done = 0; done <= 1000; done += 50) {
      now = done; // 1 event per ms: 1,000 events/s
      bar.update(done, 1000);
    }
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('request-list: 0% (0/1,000 events, 0 events/s, ETA --:--)');
    expect(lines[5]).toBe('request-list: 50% (500/1,000 events, 1,000 events/s, ETA 0:01)');
    expect(lines[10]).toBe('request-list: 100% (1,000/1,000 events, 1,000 events/s, ETA 0:00)');
  });

  it('redraws one line on a terminal, at most every 100 ms', () => {
    let now = 0;
    const out = new Capture(true);
    const bar = new ProgressBar(out, 'incident-list', () => now);
    bar.update(0, 200);
    now = 50;
    bar.update(10, 200);
    now = 1000;
    bar.update(100, 200);
    bar.finish();
    const frames = out.text.split('\r').filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatch(/^incident-list \[#+-+\] {2}50% 100\/200 events, 100 events\/s, ETA 0:01/);
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });
});
