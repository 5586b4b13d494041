/** Where progress goes: a TTY gets one redrawn line, anything else a line per 10 %. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): unknown;
}

const number = new Intl.NumberFormat('en-US');
const REDRAW_MS = 100;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A progress bar with events/s and ETA, for `switchboard projections rebuild`. */
export class ProgressBar {
  private readonly startedAt: number;
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  update(done: number, total: number | undefined, force = false): void {
    const elapsed = (this.now() - this.startedAt) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const known = total !== undefined && total > 0;
    const fraction = known ? Math.min(1, done / total) : 0;
    const eta = known && rate > 0 ? Math.max(0, total - done) / rate : Number.NaN;
    const counts = known ? `${number.format(done)}/${number.format(total)} events` : `${number.format(done)} events`;
    const stats = `${counts}, ${number.format(Math.round(rate))} events/s, ETA ${known ? formatDuration(eta) : '--:--'}`;
    if (this.stream.isTTY) {
      if (!force && this.now() - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = this.now();
      const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
      const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - this.label.length - stats.length - 12));
      const filled = Math.round(fraction * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent} ${stats}\x1b[K`);
      this.drawn = true;
      return;
    }
    const decile = known ? Math.floor(fraction * 10) : -1;
    if (decile > this.lastDecile || (force && decile >= 0 && decile !== this.lastDecile)) {
      this.lastDecile = decile;
      this.stream.write(`${this.label}: ${decile * 10}% (${stats})\n`);
    }
  }

  /** Ends the bar's line on a TTY. */
  finish(): void {
    if (this.stream.isTTY && this.drawn) this.stream.write('\n');
  }
}
