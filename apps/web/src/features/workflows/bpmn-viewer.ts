// Loaded on demand (dynamic import): bpmn-js and its styles stay out of the first back-office bundle.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** What pages need of a shown diagram, without knowing bpmn-js. */
export interface DiagramHandle {
  /** Element ids of the tasks and flows on the diagram. */
  elementIds(): string[];
  box(id: string): Box | undefined;
  waypoints(id: string): Point[] | undefined;
  /** Every sequence flow with its ends and drawn waypoints. */
  connections(): { id: string; source: string; target: string; waypoints: Point[] }[];
  name(id: string): string;
  type(id: string): string;
  addMarker(id: string, cls: string): void;
  removeMarker(id: string, cls: string): void;
  /** Places HTML over an element (badges); returns a function that removes it. */
  overlay(
    id: string,
    html: HTMLElement,
    position: { top?: number; left?: number; bottom?: number; right?: number },
  ): () => void;
  /** The visible part of the diagram: origin and scale, to draw on a canvas above it. */
  viewbox(): { x: number; y: number; scale: number };
  onViewboxChange(listener: () => void): () => void;
  onClick(listener: (id: string) => void): () => void;
  zoom(step: number | 'fit'): void;
  destroy(): void;
}

type Shape = {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  waypoints?: Point[];
  source?: { id: string };
  target?: { id: string };
  businessObject?: { name?: string };
};

export async function showDiagram(container: HTMLElement, xml: string): Promise<DiagramHandle> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as {
    zoom(z: number | 'fit-viewport', c?: 'auto'): number;
    viewbox(): { x: number; y: number; scale: number };
    addMarker(id: string, c: string): void;
    removeMarker(id: string, c: string): void;
  };
  const registry = viewer.get('elementRegistry') as { get(id: string): Shape | undefined; getAll(): Shape[] };
  const overlays = viewer.get('overlays') as {
    add(id: string, o: { position: object; html: HTMLElement }): string;
    remove(id: string): void;
  };
  const bus = viewer.get('eventBus') as {
    on(e: string, f: (ev: { element: Shape }) => void): void;
    off(e: string, f: unknown): void;
  };
  canvas.zoom('fit-viewport', 'auto');
  const listen = (event: string, f: (ev: { element: Shape }) => void) => {
    bus.on(event, f);
    return () => bus.off(event, f);
  };
  return {
    elementIds: () => registry.getAll().map((e) => e.id),
    box: (id) => {
      const e = registry.get(id);
      return e && !e.waypoints ? { x: e.x, y: e.y, width: e.width, height: e.height } : undefined;
    },
    waypoints: (id) => registry.get(id)?.waypoints?.map((p) => ({ x: p.x, y: p.y })),
    connections: () =>
      registry
        .getAll()
        .filter((e) => e.type === 'bpmn:SequenceFlow' && e.source && e.target && e.waypoints)
        .map((e) => ({
          id: e.id,
          source: e.source!.id,
          target: e.target!.id,
          waypoints: e.waypoints!.map((p) => ({ x: p.x, y: p.y })),
        })),
    name: (id) => registry.get(id)?.businessObject?.name ?? '',
    type: (id) => registry.get(id)?.type ?? '',
    addMarker: (id, cls) => registry.get(id) && canvas.addMarker(id, cls),
    removeMarker: (id, cls) => registry.get(id) && canvas.removeMarker(id, cls),
    overlay: (id, html, position) => {
      if (!registry.get(id)) return () => undefined;
      const oid = overlays.add(id, { position, html });
      return () => overlays.remove(oid);
    },
    viewbox: () => canvas.viewbox(),
    onViewboxChange: (f) => listen('canvas.viewbox.changed', () => f()),
    onClick: (f) => listen('element.click', (ev) => f(ev.element.id)),
    zoom: (step) => (step === 'fit' ? canvas.zoom('fit-viewport', 'auto') : canvas.zoom(canvas.viewbox().scale * step)),
    destroy: () => viewer.destroy(),
  };
}
