declare module 'bpmn-moddle' {
  /** The BPMN 2.0 model parser; elements are typed where they are read (model/bpmn-moddle.ts). */
  export class BpmnModdle {
    fromXML(xml: string, type?: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
