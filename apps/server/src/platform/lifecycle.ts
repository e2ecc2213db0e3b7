/**
 * Where this node is in its life. Readiness reads it: once shutdown begins the node reports itself not ready, so a
 * load balancer stops sending new requests while the ones in flight finish.
 */
export class Lifecycle {
  private drainingSince: number | undefined;
  /**
   * The database identity start-up found in (or wrote to) the file store; readiness then checks the store still
   * carries it. Unset where nothing claimed the store (apps built by tests).
   */
  fileStoreIdentity: string | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
