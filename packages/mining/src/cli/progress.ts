/** A one-line progress bar on stderr (only drawn on a terminal, or when forced). */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly enabled: boolean,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total?: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && (total === undefined || done < total)) return;
    this.last = now;
    this.shown = true;
    const width = 30;
    const text = total
      ? `${'█'.repeat(Math.round((done / total) * width)).padEnd(width, '░')} ${((100 * done) / total).toFixed(0).padStart(3)}%`
      : `${done.toLocaleString('en')}`;
    this.out.write(`\r${this.label} ${text}`);
  }

  done(): void {
    if (this.shown) this.out.write('\n');
    this.shown = false;
  }
}
