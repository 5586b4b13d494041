/** Where the bar is drawn: stderr in the CLI, a fake in tests. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): unknown;
}

const BAR_WIDTH = 30;

/**
 * A one-line progress bar. On a terminal it redraws its line in place whenever the percentage
 * changes; into a file or pipe (CI logs) it writes one plain line per tenth, so logs stay short.
 */
export class ProgressBar {
  private lastPercent = -1;
  private lastTenth = 0;
  private drawn = false;

  constructor(
    private readonly output: ProgressOutput,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (total <= 0) return;
    const percent = Math.floor((Math.min(done, total) / total) * 100);
    if (this.output.isTTY) {
      if (percent === this.lastPercent) return;
      this.lastPercent = percent;
      this.output.write(`\r\x1b[2K${this.line(percent, done, total)}`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.output.write(`${this.label}: ${tenth * 10}% (${done}/${total})\n`);
  }

  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }

  private line(percent: number, done: number, total: number): string {
    const room = this.output.columns ? Math.max(10, Math.min(BAR_WIDTH, this.output.columns - this.label.length - 25)) : BAR_WIDTH;
    const filled = Math.round((percent / 100) * room);
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(room - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`;
  }
}
