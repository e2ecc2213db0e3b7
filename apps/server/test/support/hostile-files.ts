import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { importSettings } from '../../src/platform/config.js';
import { readLogBytes } from '../../src/modules/navigator/mining-adapter.js';
import { detectFormat } from '../../src/modules/navigator/use-cases/upload-log.js';
import { DEFAULT_BPMN_LIMITS } from '../../src/modules/process-models/bpmn-document.js';
import { importBpmn } from '../../src/modules/process-models/bpmn-import.js';

/** One file of the hostile corpus: how it is made (in memory, small) and how the server's importer reads it. */
export interface HostileFile {
  name: string;
  kind: 'log' | 'bpmn';
  build(): Promise<Buffer> | Buffer;
  /** Reads the file as the server would; resolves with a summary, or rejects as the import does. */
  importWith(file: string): Promise<string>;
}

const MiB = 1 << 20;

async function importLog(file: string): Promise<string> {
  const bytes = await readFile(file);
  // The server's default limits (on code without them, the extra argument is ignored).
  const log = await readLogBytes(bytes, detectFormat(bytes), file, undefined, undefined, importSettings({}));
  return `${log.caseCount} cases, ${log.eventCount} events`;
}

async function importModel(file: string): Promise<string> {
  const r = await importBpmn(await readFile(file, 'utf8'), DEFAULT_BPMN_LIMITS);
  return `${r.tasks.length} tasks, ${r.xml.length} characters stored`;
}

/** A gzip file whose content is `head`, then `fill` repeated to `fillBytes`, then `tail`: members of one MiB each. */
function gzipWithFill(head: string, fill: string, fillBytes: number, tail: string): Buffer {
  const member = gzipSync(Buffer.alloc(MiB, fill));
  const parts = [gzipSync(head)];
  for (let n = 0; n < fillBytes; n += MiB) parts.push(member);
  parts.push(gzipSync(tail));
  return Buffer.concat(parts);
}

const XES_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n';
const xesTrace = (events: string) =>
  `<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="a"/>${events}</event></trace>`;

const BPMN_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'xmlns:x="urn:example:extra" id="d" targetNamespace="urn:example">\n';

function largeBpmnWithoutLayout(tasks: number, unknownAttributes: number): string {
  const extra = (i: number) =>
    Array.from({ length: unknownAttributes }, (_, k) => ` x:attribute${k}="value ${i} ${k}"`).join('');
  const parts = [BPMN_HEAD, '<bpmn:process id="p" isExecutable="false">\n<bpmn:startEvent id="s"/>\n'];
  let previous = 's';
  for (let i = 0; i < tasks; i++) {
    parts.push(`<bpmn:task id="t${i}" name="Task ${i}"${extra(i)}/>\n`);
    parts.push(`<bpmn:sequenceFlow id="f${i}" sourceRef="${previous}" targetRef="t${i}"/>\n`);
    previous = `t${i}`;
  }
  parts.push(`<bpmn:endEvent id="e"/><bpmn:sequenceFlow id="fe" sourceRef="${previous}" targetRef="e"/>\n`);
  parts.push('</bpmn:process>\n</bpmn:definitions>\n');
  return parts.join('');
}

function nestedSubProcesses(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `<bpmn:subProcess id="sp${i}">`).join('');
  const close = '</bpmn:subProcess>'.repeat(depth);
  return `${BPMN_HEAD}<bpmn:process id="p"><bpmn:task id="t" name="Task"/>${open}<bpmn:task id="inner" name="Inner"/>${close}</bpmn:process></bpmn:definitions>\n`;
}

const LAUGHS =
  '<!DOCTYPE log [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']>\n';

/** The corpus: each file small on disk, each built to make a naive importer stall, explode or crash. */
export const HOSTILE_FILES: HostileFile[] = [
  {
    name: 'xes-entity-expansion.xes',
    kind: 'log',
    build: () =>
      Buffer.from(`<?xml version="1.0"?>\n${LAUGHS}<log>${xesTrace('<string key="x" value="&lol9;"/>')}</log>\n`),
    importWith: importLog,
  },
  {
    name: 'xes-external-entity.xes',
    kind: 'log',
    build: () =>
      Buffer.from(
        '<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n' +
          `<log>${xesTrace('<string key="x" value="&secret;"/>')}</log>\n`,
      ),
    importWith: importLog,
  },
  {
    name: 'xes-deep-nesting.xes.gz',
    kind: 'log',
    build: () => {
      const depth = 1_000_000;
      return gzipSync(
        XES_HEAD + xesTrace(`${'<container key="c">'.repeat(depth)}${'</container>'.repeat(depth)}`) + '</log>\n',
      );
    },
    importWith: importLog,
  },
  {
    name: 'xes-huge-value.xes.gz',
    kind: 'log',
    build: () =>
      gzipWithFill(
        `${XES_HEAD}<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="a"/><string key="x" value="`,
        'a',
        64 * MiB,
        '"/></event></trace></log>\n',
      ),
    importWith: importLog,
  },
  {
    name: 'xes-2gib-whitespace.xes.gz',
    kind: 'log',
    build: () => gzipWithFill(`${XES_HEAD}${xesTrace('')}`, ' ', 2048 * MiB, '</log>\n'),
    importWith: importLog,
  },
  {
    name: 'csv-huge-field.csv.gz',
    kind: 'log',
    build: () => gzipWithFill('case,activity,timestamp,note\nc1,a,2024-01-01T00:00:00Z,"', 'a', 64 * MiB, '"\n'),
    importWith: importLog,
  },
  {
    name: 'bpmn-large-without-layout.bpmn',
    kind: 'bpmn',
    build: () => Buffer.from(largeBpmnWithoutLayout(800, 0)),
    importWith: importModel,
  },
  {
    name: 'bpmn-unknown-attributes.bpmn',
    kind: 'bpmn',
    build: () => Buffer.from(largeBpmnWithoutLayout(600, 12)),
    importWith: importModel,
  },
  {
    name: 'bpmn-huge-without-layout.bpmn',
    kind: 'bpmn',
    build: () => Buffer.from(largeBpmnWithoutLayout(6000, 0)),
    importWith: importModel,
  },
  {
    name: 'bpmn-deep-nesting.bpmn',
    kind: 'bpmn',
    build: () => Buffer.from(nestedSubProcesses(20_000)),
    importWith: importModel,
  },
  {
    name: 'bpmn-entity-expansion.bpmn',
    kind: 'bpmn',
    build: () =>
      Buffer.from(
        BPMN_HEAD.replace('\n<bpmn:definitions', `\n${LAUGHS.replace('log', 'bpmn:definitions')}<bpmn:definitions`) +
          '<bpmn:process id="p"><bpmn:task id="t" name="&lol9;"/></bpmn:process></bpmn:definitions>\n',
      ),
    importWith: importModel,
  },
];
