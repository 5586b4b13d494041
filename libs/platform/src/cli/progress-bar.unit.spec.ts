import { ProgressBar, formatDuration } from './progress-bar';

function fakeOutput(isTTY: boolean, columns?: number) {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (chunk: string) => chunks.push(chunk) };
}

describe('ProgressBar', () => {
  it('redraws its line in place on a terminal, once per percentage change', () => {
    const output = fakeOutput(true);
    const bar = new ProgressBar(output, 'importing');
    for (let done = 0; done <= 400; done++) bar.update(done, 400);
    bar.finish();
    expect(output.chunks).toHaveLength(102); // 0..100 % and the closing line break
    expect(output.chunks[0]).toBe(`\r\x1b[2Kimporting [${'.'.repeat(30)}]   0% 0/400`);
    expect(output.chunks[50]).toBe(`\r\x1b[2Kimporting [${'#'.repeat(15)}${'.'.repeat(15)}]  50% 200/400`);
    expect(output.chunks[100]).toBe(`\r\x1b[2Kimporting [${'#'.repeat(30)}] 100% 400/400`);
    expect(output.chunks[101]).toBe('\n');
  });

  it('narrows the bar to fit a small terminal, never below ten characters', () => {
    const narrow = fakeOutput(true, 40);
    new ProgressBar(narrow, 'importing').update(1, 2);
    expect(narrow.chunks[0]).toBe(`\r\x1b[2Kimporting [${'#'.repeat(9)}${'.'.repeat(9)}]  50% 1/2`);
    expect(narrow.chunks[0].length - '\r\x1b[2K'.length).toBeLessThan(40);
    const tiny = fakeOutput(true, 20);
    new ProgressBar(tiny, 'importing').update(1, 2);
    expect(tiny.chunks[0]).toBe(`\r\x1b[2Kimporting [${'#'.repeat(5)}${'.'.repeat(5)}]  50% 1/2`);
  });

  it('writes one plain line per tenth when the output is not a terminal, from 0 %', () => {
    const output = fakeOutput(false);
    const bar = new ProgressBar(output, 'importing');
    for (let done = 0; done <= 25; done++) bar.update(done, 25);
    bar.finish();
    expect(output.chunks).toEqual(
      [
        'importing: 0% (0/25)',
        'importing: 10% (3/25)',
        'importing: 20% (5/25)',
        'importing: 30% (8/25)',
        'importing: 40% (10/25)',
        'importing: 50% (13/25)',
        'importing: 60% (15/25)',
        'importing: 70% (18/25)',
        'importing: 80% (20/25)',
        'importing: 90% (23/25)',
        'importing: 100% (25/25)',
      ].map((l) => `${l}\n`),
    );
  });

  it('jumps straight to the tenth reached when rows are few', () => {
    const output = fakeOutput(false);
    const bar = new ProgressBar(output, 'importing');
    bar.update(1, 2);
    bar.update(2, 2);
    expect(output.chunks).toEqual(['importing: 50% (1/2)\n', 'importing: 100% (2/2)\n']);
  });

  it('draws nothing when there is nothing to do', () => {
    const output = fakeOutput(true);
    const bar = new ProgressBar(output, 'importing');
    bar.update(0, 0);
    bar.finish();
    expect(output.chunks).toEqual([]);
  });

  it('adds the unit, the rate and the time left for long jobs, one line per tenth into a log', () => {
    let now = 0;
    const out = fakeOutput(false);
    const bar = new ProgressBar(out, 'request-list', { unit: 'events', rate: true, now: () => now });
    for (let done = 0; done <= 1000; done += 50) {
      now = done; // 1 event per ms: 1,000 events/s
      bar.update(done, 1000);
    }
    expect(out.chunks).toHaveLength(11);
    expect(out.chunks[0]).toBe('request-list: 0% (0/1,000 events, 0 events/s, ETA --:--)\n');
    expect(out.chunks[5]).toBe('request-list: 50% (500/1,000 events, 1,000 events/s, ETA 0:01)\n');
    expect(out.chunks[10]).toBe('request-list: 100% (1,000/1,000 events, 1,000 events/s, ETA 0:00)\n');
  });

  it('redraws a long job on a terminal at most every 100 ms, but always at 100 % or when forced', () => {
    let now = 0;
    const out = fakeOutput(true);
    const bar = new ProgressBar(out, 'incident-list', { unit: 'events', rate: true, now: () => now });
    bar.update(0, 200);
    now = 50;
    bar.update(10, 200);
    now = 1000;
    bar.update(100, 200);
    now = 1010;
    bar.update(200, 200);
    bar.update(200, 200, true);
    bar.finish();
    const frames = out.chunks.filter((c) => c !== '\n');
    expect(frames).toHaveLength(4);
    expect(frames[1].startsWith('\r\x1b[2K')).toBe(true);
    expect(frames[1].slice('\r\x1b[2K'.length)).toMatch(/^incident-list \[#+\.+\] {2}50% 100\/200 events, 100 events\/s, ETA 0:01$/);
    expect(frames[2]).toMatch(/ 100% 200\/200 events/);
    expect(out.chunks[out.chunks.length - 1]).toBe('\n');
  });

  it('counts without a total on a terminal when the total is not known', () => {
    const out = fakeOutput(true);
    new ProgressBar(out, 'clickhouse', { unit: 'events', rate: true, now: () => 0 }).update(5, undefined);
    expect(out.chunks[0]).toMatch(/clickhouse \[\.+\] {3}0% 5 events, 0 events\/s, ETA --:--$/);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });
});
