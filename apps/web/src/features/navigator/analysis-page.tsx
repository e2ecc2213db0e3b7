import '../workflows/workflows.css';
import { useCallback, useEffect, useState } from 'react';
import type { TAnalysisInfo, TAnalysisResult, TElementStats, TPeopleStats } from '@sagsgang/contracts';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { useT } from '../../i18n/i18n.js';
import { Link, navigate, useParams } from '../../router/router.js';
import { activeRoles, useSession } from '../../session/session.js';
import { BpmnDiagram } from '../workflows/bpmn-diagram.js';
import type { DiagramHandle } from '../workflows/bpmn-viewer.js';
import { GroupTable, StepTable, VariantTable } from './analysis-tables.js';
import { DfgView } from './dfg-view.js';
import { applyHeat, drillMetric, METRICS, type Metric } from './heat-overlay.js';
import { casesHref, duration, navigatorApi, pct, PEOPLE_ROLES } from './navigator-api.js';
import { ReplayController } from './replay-controller.js';
import { ReplayCanvas, ReplayControls } from './replay-panel.js';

const VIEWS = ['model', 'discovered', 'variants', 'units', 'people'] as const;
type View = (typeof VIEWS)[number];

function Progress(props: { info: TAnalysisInfo; onCancel(): void }) {
  const { t } = useT();
  const p = props.info.progress;
  return (
    <div role="status">
      <p>
        {t(`navigator:status_${props.info.status}`)}
        {p ? ` — ${t(`navigator:phase_${p.phase}`)} ${p.done} / ${p.total}` : ''}
      </p>
      <progress max={p?.total || 1} value={p?.done ?? 0} aria-label={t('navigator:progress')} />
      <p>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          {t('navigator:cancel')}
        </button>
      </p>
    </div>
  );
}

function Summary(props: { result: TAnalysisResult }) {
  const { t } = useT();
  const s = props.result.analysis.summary!;
  const id = props.result.analysis.id;
  return (
    <dl className="bo-figures">
      <div>
        <dt>{t('navigator:logFitness')}</dt>
        <dd data-testid="fitness">{pct(s.logFitness, 1)}</dd>
      </div>
      <div>
        <dt>{t('navigator:fittingShare')}</dt>
        <dd>{pct(s.fittingShare, 1)}</dd>
      </div>
      <div>
        <dt>{t('navigator:cases')}</dt>
        <dd>
          <Link href={casesHref(id, {})}>{s.cases}</Link>
        </dd>
      </div>
      <div>
        <dt>{t('navigator:deviatingCases')}</dt>
        <dd>
          <Link href={casesHref(id, { metric: 'deviating' })}>{s.cases - Math.round(s.fittingShare * s.cases)}</Link>
        </dd>
      </div>
      {(['on_time', 'at_risk', 'late', 'deviating'] as const).map((k) => (
        <div key={k}>
          <dt>{t(`navigator:state_${k}`)}</dt>
          <dd>
            <Link href={casesHref(id, { state: k })}>{s.states[k] ?? 0}</Link>
          </dd>
        </div>
      ))}
      <div>
        <dt>{t('navigator:throughput')}</dt>
        <dd>{duration(s.medianThroughputMs, t)}</dd>
      </div>
    </dl>
  );
}

function badgeText(t: ReturnType<typeof useT>['t'], e: TElementStats, m: Metric, v: number | null) {
  if (v === null) return '—';
  if (m === 'passed') return String(v);
  if (m === 'wait') return duration(v, t);
  return pct(v);
}

/** One analysis: its progress while it runs; then the model with heat and replay, discovery, variants, groups. */
export function AnalysisPage() {
  const { t } = useT();
  const { id } = useParams();
  const { me } = useSession();
  const seesPeople = PEOPLE_ROLES.some((r) => activeRoles(me).has(r));
  const [info, setInfo] = useState<TAnalysisInfo | null>(null);
  const [result, setResult] = useState<TAnalysisResult | null>(null);
  const [people, setPeople] = useState<TPeopleStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [view, setView] = useState<View>('model');
  const [metric, setMetric] = useState<Metric>('deviating');
  const [diagram, setDiagram] = useState<DiagramHandle | null>(null);
  const [replay, setReplay] = useState<ReplayController | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let timer = 0;
    const ctl = new AbortController();
    const poll = async () => {
      const i = await navigatorApi.get(id, ctl.signal);
      setInfo(i);
      if (i.status === 'pending' || i.status === 'running')
        timer = window.setTimeout(() => void poll().catch(() => undefined), 700);
      else if (i.status === 'done') setResult(await navigatorApi.result(id, ctl.signal));
    };
    poll().catch((e: unknown) => !isAbort(e) && setError(e));
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [id]);
  useEffect(
    () =>
      void (
        view === 'people' &&
        seesPeople &&
        !people &&
        navigatorApi.people(id).then(setPeople, (e: unknown) => setError(e))
      ),
    [view, seesPeople, people, id],
  );

  useEffect(() => {
    if (!diagram || !result) return;
    return applyHeat(
      diagram,
      result,
      metric,
      (e, v) => {
        const text = badgeText(t, e, metric, v);
        return {
          text,
          label: t('navigator:badgeLabel', { step: e.name, metric: t(`navigator:m_${metric}`), value: text }),
          href: casesHref(id, { element: e.elementId, metric: drillMetric[metric] }),
        };
      },
      navigate,
    );
  }, [diagram, result, metric, t, id]);

  useEffect(() => {
    if (!diagram || !result) return;
    let controller: ReplayController | null = null;
    const ctl = new AbortController();
    navigatorApi.replay(id, 10_000, ctl.signal).then(
      (data) => {
        controller = new ReplayController(data, diagram);
        setReplay(controller);
      },
      () => undefined,
    );
    return () => {
      ctl.abort();
      controller?.destroy();
      setReplay(null);
    };
  }, [diagram, result, id]);

  const onReady = useCallback((h: DiagramHandle) => setDiagram(h), []);
  const onSelect = useCallback((el: string) => setSelected(el), []);
  if (error != null) return <ErrorAlert error={error} t={t} />;
  if (!info) return <p role="status">{t('navigator:loading')}</p>;
  const chosen = result?.elements.find((e) => e.elementId === selected);
  return (
    <>
      <p>
        <Link href="/app/navigator">{t('navigator:back')}</Link>
      </p>
      <h1>{t('navigator:analysisTitle', { model: info.modelName })}</h1>
      <p className="bo-meta">
        {info.populationLabel} · {t('navigator:versionN', { version: info.version })}
      </p>
      {(info.status === 'pending' || info.status === 'running') && (
        <Progress info={info} onCancel={() => void navigatorApi.cancel(id).then(setInfo)} />
      )}
      {(info.status === 'failed' || info.status === 'cancelled') && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">
              {t(`navigator:status_${info.status}`)}
              {info.error ? `: ${info.error}` : ''}
            </p>
          </div>
        </div>
      )}
      {result && (
        <>
          <Summary result={result} />
          {result.analysis.summary!.unmappedActivities.length > 0 && (
            <p>
              {t('navigator:unmapped')}{' '}
              {result.analysis.summary!.unmappedActivities.map((a, i) => (
                <span key={a}>
                  {i > 0 && ', '}
                  <Link href={casesHref(id, { activity: a })}>{a}</Link>
                </span>
              ))}
            </p>
          )}
          <div className="bo-view-switch" role="group" aria-label={t('navigator:views')}>
            {VIEWS.filter((v) => v !== 'people' || seesPeople).map((v) => (
              <button
                key={v}
                type="button"
                className={`button ${view === v ? 'button-primary' : 'button-secondary'}`}
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {t(`navigator:view_${v}`)}
              </button>
            ))}
          </div>
          {view === 'model' && (
            <section aria-label={t('navigator:view_model')}>
              <fieldset className="bo-metric-switch">
                <legend>{t('navigator:showOnDiagram')}</legend>
                {METRICS.map((m) => (
                  <div className="form-group-radio" key={m}>
                    <input
                      className="form-radio"
                      type="radio"
                      name="metric"
                      id={`metric-${m}`}
                      checked={metric === m}
                      onChange={() => setMetric(m)}
                    />
                    <label htmlFor={`metric-${m}`}>{t(`navigator:m_${m}`)}</label>
                  </div>
                ))}
              </fieldset>
              <p className="bo-heat-legend">{t('navigator:heatLegend')}</p>
              <BpmnDiagram
                xml={result.bpmnXml}
                label={t('navigator:diagramLabel')}
                onReady={onReady}
                onSelect={onSelect}
                height={560}
              >
                <ReplayCanvas controller={replay} />
              </BpmnDiagram>
              {replay && (
                <ReplayControls
                  controller={replay}
                  t0={result.analysis.summary ? Date.parse(result.analysis.summary.from ?? '') || 0 : 0}
                  total={replay.engine.count}
                />
              )}
              {chosen && (
                <section className="bo-step-figures" aria-live="polite">
                  <h2 className="h3">{chosen.name}</h2>
                  <StepTable result={{ ...result, elements: [chosen] }} />
                </section>
              )}
              <StepTable result={result} />
            </section>
          )}
          {view === 'discovered' && <DfgView dfg={result.dfg} />}
          {view === 'variants' && <VariantTable result={result} />}
          {view === 'units' && (
            <GroupTable analysisId={id} groups={result.units} caption={t('navigator:unitsCaption')} drill />
          )}
          {view === 'people' &&
            seesPeople &&
            (people ? (
              <>
                <p>{t('navigator:peopleNote', { min: people.minimumGroup })}</p>
                <GroupTable
                  analysisId={id}
                  groups={people.people}
                  caption={t('navigator:peopleCaption')}
                  drill={false}
                />
              </>
            ) : (
              <p role="status">{t('navigator:loading')}</p>
            ))}
        </>
      )}
    </>
  );
}
