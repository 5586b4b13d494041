/** Where the bar is drawn: stderr in the CLI, a fake in tests. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressBarOptions {
  /** What is counted (`events`), shown after the counts and in the rate. */
  readonly unit?: string;
  /** Show the rate per second and the time left (long jobs: rebuilds). */
  readonly rate?: boolean;
  /** The clock, in ms (tests). */
  readonly now?: () => number;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;
const number = new Intl.NumberFormat('en-US');

/** `m:ss` or `h:mm:ss`; `--:--` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * The CLI's one progress bar (imports, rebuilds). On a terminal it redraws its line in place when
 * the percentage changes (with a rate, also every 100 ms at most, for the time left); into a file
 * or pipe (CI logs) it writes one plain line per tenth reached, so logs stay short.
 */
export class ProgressBar {
  private readonly startedAt: number;
  private readonly now: () => number;
  private lastPercent = -1;
  private lastTenth = -1;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly output: ProgressOutput,
    private readonly label: string,
    private readonly options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /** `total` undefined or 0: unknown, shown as a count only (on a terminal). `force` redraws now. */
  update(done: number, total: number | undefined, force = false): void {
    const known = total !== undefined && total > 0;
    if (!known && !this.options.rate) return;
    const percent = known ? Math.floor((Math.min(done, total) / total) * 100) : 0;
    const stats = this.stats(done, known ? total : undefined);
    if (this.output.isTTY) {
      const changed = percent !== this.lastPercent;
      const due = this.options.rate ? this.now() - this.lastDraw >= REDRAW_MS : changed;
      if (!force && !due && !(changed && percent === 100)) return;
      this.lastPercent = percent;
      this.lastDraw = this.now();
      this.output.write(`\r\x1b[2K${this.label} ${this.bar(percent, stats)} ${String(percent).padStart(3)}% ${stats}`);
      this.drawn = true;
      return;
    }
    if (!known) return;
    const tenth = Math.floor(percent / 10);
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.output.write(`${this.label}: ${tenth * 10}% (${stats})\n`);
  }

  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }

  private stats(done: number, total: number | undefined): string {
    const unit = this.options.unit ? ` ${this.options.unit}` : '';
    const counts = total === undefined ? `${number.format(done)}${unit}` : `${number.format(done)}/${number.format(total)}${unit}`;
    if (!this.options.rate) return counts;
    const elapsed = (this.now() - this.startedAt) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = total !== undefined && rate > 0 ? Math.max(0, total - done) / rate : Number.NaN;
    return `${counts}, ${number.format(Math.round(rate))} ${this.options.unit ?? 'items'}/s, ETA ${formatDuration(eta)}`;
  }

  private bar(percent: number, stats: string): string {
    const room = this.output.columns ? Math.max(10, Math.min(BAR_WIDTH, this.output.columns - this.label.length - stats.length - 10)) : BAR_WIDTH;
    const filled = Math.round((percent / 100) * room);
    return `[${'#'.repeat(filled)}${'.'.repeat(room - filled)}]`;
  }
}
