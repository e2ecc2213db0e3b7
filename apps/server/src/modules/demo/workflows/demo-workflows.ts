import type { TCaseTypeDefinition, TMappingEntry } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { createProcessModel, saveModelMapping, updateTaskGuidance } from '../../process-models/index.js';

// The casework every demo case type follows, drawn once: receipt, screening, requests for information until the
// case is fully informed, an optional hearing of parties, the decision and closing. Laid out on import.
const CASEWORK_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="casework" targetNamespace="https://sagsgang.example/bpmn">
  <bpmn:process id="casework_process" isExecutable="false">
    <bpmn:startEvent id="start" name="Ansøgning modtaget"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="receive" name="Registrér ansøgningen"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>
    <bpmn:task id="screen" name="Screening"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="m1"><bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f7</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:exclusiveGateway id="informed" name="Fuldt oplyst?"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing><bpmn:outgoing>f8</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:task id="request" name="Anmod om oplysninger"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing></bpmn:task>
    <bpmn:task id="answer" name="Modtag oplysninger"><bpmn:incoming>f6</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="hearingNeeded" name="Partshøring?"><bpmn:incoming>f8</bpmn:incoming><bpmn:outgoing>f9</bpmn:outgoing><bpmn:outgoing>f12</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:task id="hearing" name="Partshøring"><bpmn:incoming>f9</bpmn:incoming><bpmn:outgoing>f10</bpmn:outgoing></bpmn:task>
    <bpmn:task id="reply" name="Modtag høringssvar"><bpmn:incoming>f10</bpmn:incoming><bpmn:outgoing>f11</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="m2"><bpmn:incoming>f11</bpmn:incoming><bpmn:incoming>f12</bpmn:incoming><bpmn:outgoing>f13</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:task id="decide" name="Træf afgørelse"><bpmn:incoming>f13</bpmn:incoming><bpmn:outgoing>f14</bpmn:outgoing></bpmn:task>
    <bpmn:task id="close" name="Afslut sagen"><bpmn:incoming>f14</bpmn:incoming><bpmn:outgoing>f15</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="end" name="Sagen er afsluttet"><bpmn:incoming>f15</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
    <bpmn:sequenceFlow id="f2" sourceRef="receive" targetRef="screen" />
    <bpmn:sequenceFlow id="f3" sourceRef="screen" targetRef="m1" />
    <bpmn:sequenceFlow id="f4" sourceRef="m1" targetRef="informed" />
    <bpmn:sequenceFlow id="f5" name="nej" sourceRef="informed" targetRef="request" />
    <bpmn:sequenceFlow id="f6" sourceRef="request" targetRef="answer" />
    <bpmn:sequenceFlow id="f7" sourceRef="answer" targetRef="m1" />
    <bpmn:sequenceFlow id="f8" name="ja" sourceRef="informed" targetRef="hearingNeeded" />
    <bpmn:sequenceFlow id="f9" name="ja" sourceRef="hearingNeeded" targetRef="hearing" />
    <bpmn:sequenceFlow id="f10" sourceRef="hearing" targetRef="reply" />
    <bpmn:sequenceFlow id="f11" sourceRef="reply" targetRef="m2" />
    <bpmn:sequenceFlow id="f12" name="nej" sourceRef="hearingNeeded" targetRef="m2" />
    <bpmn:sequenceFlow id="f13" sourceRef="m2" targetRef="decide" />
    <bpmn:sequenceFlow id="f14" sourceRef="decide" targetRef="close" />
    <bpmn:sequenceFlow id="f15" sourceRef="close" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** How the case system's activities meet the steps; the rest of its log is not part of the workflow. */
export const CASEWORK_MAPPING: TMappingEntry[] = [
  { activity: 'received', elementId: 'receive' },
  { activity: 'screened', elementId: 'screen' },
  { activity: 'information_requested', elementId: 'request' },
  { activity: 'information_received', elementId: 'answer' },
  { activity: 'hearing_started', elementId: 'hearing' },
  { activity: 'hearing_replied', elementId: 'reply' },
  { activity: 'decided', elementId: 'decide' },
  { activity: 'closed', elementId: 'close' },
  ...['note_recorded', 'document_added', 'phase_changed', 'reassigned', 'extended', 'screened_automatically'].map(
    (activity) => ({ activity, elementId: null }),
  ),
];

type Guidance = Parameters<typeof updateTaskGuidance>[2];

function guidanceFor(d: TCaseTypeDefinition): Record<string, Guidance> {
  const none = { links: [], legalRefs: [], checklist: [], deadlineDays: null };
  return {
    screen: {
      ...none,
      guidance: `Gennemgå ansøgningen **samme dag** den er modtaget. Er den fuldt oplyst, starter servicemålet nu.\n- Tjek at alle krævede oplysninger og dokumenter er med\n- Mangler noget, så send én samlet anmodning`,
      checklist: d.requirements.map((r) => r.label.da),
      legalRefs: [d.legalBasis],
      deadlineDays: 5,
    },
    request: {
      ...none,
      guidance: 'Skriv præcist hvad der mangler og hvorfor, og giv en frist på 14 dage.',
      legalRefs: ['Forvaltningsloven § 7 (vejledning)'],
      deadlineDays: 2,
    },
    hearing: {
      ...none,
      guidance: 'Partshør, når afgørelsen bygger på oplysninger til ugunst for ansøgeren, som ansøgeren ikke kender.',
      legalRefs: ['Forvaltningsloven § 19'],
      checklist: ['Oplysningerne er sendt', 'Frist for svar er angivet'],
      deadlineDays: 3,
    },
    decide: {
      ...none,
      guidance: 'Afgørelsen begrundes og får klagevejledning.',
      legalRefs: ['Forvaltningsloven §§ 22-25'],
      checklist: ['Begrundelse', 'Klagevejledning'],
      deadlineDays: 30,
    },
  };
}

/** The demo authority's workflows: one per case type, with guidance and the activity mapping. */
export async function seedDemoWorkflows(db: Executor, definitions: TCaseTypeDefinition[]): Promise<number> {
  for (const d of definitions) {
    const model = await createProcessModel(
      db,
      {
        name: `Sagsgang: ${d.name.da}`,
        topic: d.topicCode,
        caseTypeCode: d.code,
        description: `Arbejdsgangen for ${d.name.da.toLowerCase()}.`,
        bpmnXml: CASEWORK_BPMN,
        source: 'import',
        comment: 'Demo',
      },
      null,
    );
    await saveModelMapping(db, model.id, CASEWORK_MAPPING);
    for (const [elementId, g] of Object.entries(guidanceFor(d)))
      await updateTaskGuidance(db, { modelId: model.id, version: 1, elementId }, g);
  }
  return definitions.length;
}
