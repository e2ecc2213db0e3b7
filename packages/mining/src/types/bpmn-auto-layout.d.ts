declare module 'bpmn-auto-layout' {
  /** Adds diagram interchange (shapes, edges) to a BPMN process without one. */
  export function layoutProcess(xml: string): Promise<string>;
}
