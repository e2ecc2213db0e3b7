// Loaded on demand: the modeler is the heaviest part of bpmn-js.
import Modeler from 'bpmn-js/lib/Modeler';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

export const EMPTY_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_1" isExecutable="false">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

export interface ModelerHandle {
  load(xml: string): Promise<string[]>;
  save(): Promise<string>;
  destroy(): void;
}

export function createModeler(container: HTMLElement): ModelerHandle {
  const modeler = new Modeler({ container });
  return {
    async load(xml) {
      const result = await modeler.importXML(xml);
      (modeler.get('canvas') as { zoom(z: string): void }).zoom('fit-viewport');
      return result.warnings.map((w) => String(w));
    },
    async save() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    destroy: () => modeler.destroy(),
  };
}
