import { ProgressBar } from './progress-bar';

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

  it('narrows the bar to fit a small terminal', () => {
    const output = fakeOutput(true, 40);
    new ProgressBar(output, 'importing').update(1, 2);
    expect(output.chunks[0]).toBe(`\r\x1b[2Kimporting [${'#'.repeat(5)}${'.'.repeat(5)}]  50% 1/2`);
  });

  it('writes one plain line per tenth when the output is not a terminal', () => {
    const output = fakeOutput(false);
    const bar = new ProgressBar(output, 'importing');
    for (let done = 0; done <= 25; done++) bar.update(done, 25);
    bar.finish();
    expect(output.chunks).toEqual([
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
    ].map((l) => `${l}\n`));
  });

  it('jumps straight to the tenth reached when rows are few', () => {
    const output = fakeOutput(false);
    const bar = new ProgressBar(output, 'importing');
    bar.update(0, 2);
    bar.update(1, 2);
    bar.update(2, 2);
    expect(output.chunks).toEqual(['importing: 50% (1/2)\n', 'importing: 100% (2/2)\n']);
  });

  it('draws nothing when there is nothing to import', () => {
    const output = fakeOutput(true);
    const bar = new ProgressBar(output, 'importing');
    bar.update(0, 0);
    bar.finish();
    expect(output.chunks).toEqual([]);
  });
});
