import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import type { DiagramHandle } from './bpmn-viewer.js';

export interface BpmnDiagramProps {
  xml: string;
  /** Accessible name of the diagram region. */
  label: string;
  onReady?(handle: DiagramHandle): void;
  onSelect?(elementId: string): void;
  height?: number;
  /** Drawn above the diagram (e.g. the replay canvas), positioned by the caller. */
  children?: React.ReactNode;
}

/**
 * A BPMN diagram with pan and zoom (mouse, and the buttons for keyboard users). The viewer is imported on first
 * use so its weight is paid only on pages that show a diagram.
 */
export function BpmnDiagram(props: BpmnDiagramProps) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<DiagramHandle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { onReady, onSelect } = props;

  useEffect(() => {
    let cancelled = false;
    let current: DiagramHandle | null = null;
    setError(null);
    void import('./bpmn-viewer.js')
      .then(({ showDiagram }) => showDiagram(ref.current!, props.xml))
      .then((h) => {
        if (cancelled) return h.destroy();
        current = h;
        setHandle(h);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
      current?.destroy();
      setHandle(null);
    };
  }, [props.xml]);

  useEffect(() => {
    if (handle) onReady?.(handle);
  }, [handle, onReady]);

  useEffect(() => (handle && onSelect ? handle.onClick((id) => onSelect(id)) : undefined), [handle, onSelect]);

  return (
    <div className="bo-diagram-frame">
      <div className="bo-diagram-tools" role="group" aria-label={t('workflows:zoomControls')}>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => handle?.zoom(1.25)}
          disabled={!handle}
        >
          {t('workflows:zoomIn')}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => handle?.zoom(0.8)}
          disabled={!handle}
        >
          {t('workflows:zoomOut')}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => handle?.zoom('fit')}
          disabled={!handle}
        >
          {t('workflows:zoomFit')}
        </button>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('workflows:diagramError', { message: error })}</p>
          </div>
        </div>
      )}
      <div
        className="bo-diagram"
        ref={ref}
        role="region"
        aria-label={props.label}
        style={{ height: props.height ?? 480 }}
      >
        {props.children}
      </div>
    </div>
  );
}
