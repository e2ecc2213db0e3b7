import { BpmnModdle } from 'bpmn-moddle';
import { MiningError } from '../errors.js';

/** The slice of a bpmn-moddle element the converters read. */
export interface BpmnElement {
  $type: string;
  id: string;
  name?: string;
  incoming?: BpmnElement[];
  outgoing?: BpmnElement[];
  flowElements?: BpmnElement[];
  rootElements?: BpmnElement[];
  sourceRef?: BpmnElement;
  targetRef?: BpmnElement;
  triggeredByEvent?: boolean;
}

interface Moddle {
  fromXML(xml: string, type?: string): Promise<{ rootElement: BpmnElement; warnings: { message: string }[] }>;
}

// The parser hands back untyped elements; we read them through BpmnElement.
const Ctor = BpmnModdle as unknown as new () => Moddle;

/** Parses BPMN 2.0 XML; any parser failure is a MiningError('bad_bpmn'). */
export async function parseBpmn(xml: string, file?: string): Promise<BpmnElement> {
  try {
    const { rootElement, warnings } = await new Ctor().fromXML(xml);
    const fatal = warnings.find((w) => /unparsable|unresolved reference/i.test(w.message));
    if (fatal) throw new MiningError('bad_bpmn', `BPMN problem: ${fatal.message}`, { file });
    return rootElement;
  } catch (e) {
    if (e instanceof MiningError) throw e;
    const msg = (e as Error).message ?? String(e);
    const line = /line:\s*(\d+)/i.exec(msg);
    throw new MiningError('bad_bpmn', `not valid BPMN XML: ${msg.split('\n')[0]}`, {
      file,
      line: line ? Number(line[1]) : undefined,
    });
  }
}
