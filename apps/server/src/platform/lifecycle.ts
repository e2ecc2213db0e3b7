/**
 * Where this node is in its life. Readiness reads it: once shutdown begins the node reports itself not ready, so a
 * load balancer stops sending new requests while the ones in flight finish.
 */
export class Lifecycle {
  private drainingSince: number | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
