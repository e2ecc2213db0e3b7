import type { TAnalysisResult, TGroupStats } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link } from '../../router/router.js';
import { casesHref, duration, pct } from './navigator-api.js';

/** Every step's figures in one table: the same numbers as the diagram, for keyboard and screen-reader users. */
export function StepTable(props: { result: TAnalysisResult }) {
  const { t } = useT();
  const { result } = props;
  const id = result.analysis.id;
  const cases = result.analysis.summary?.cases ?? 0;
  const cell = (n: number, q: Record<string, string>, of: number) => (
    <Link href={casesHref(id, q)}>
      {n}
      {of ? ` (${pct(n / of)})` : ''}
    </Link>
  );
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{t('navigator:stepTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('navigator:step')}</th>
            <th scope="col">{t('navigator:m_passed')}</th>
            <th scope="col">{t('navigator:m_skipped')}</th>
            <th scope="col">{t('navigator:outOfOrder')}</th>
            <th scope="col">{t('navigator:extra')}</th>
            <th scope="col">{t('navigator:m_wait')}</th>
            <th scope="col">{t('navigator:m_duration')}</th>
            <th scope="col">{t('navigator:m_deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {result.elements.map((e) => (
            <tr key={e.elementId}>
              <th scope="row">{e.name || e.elementId}</th>
              <td>{cell(e.passed, { element: e.elementId, metric: 'passed' }, 0)}</td>
              <td>{cell(e.skipped, { element: e.elementId, metric: 'skipped' }, cases)}</td>
              <td>{cell(e.outOfOrder, { element: e.elementId, metric: 'out_of_order' }, e.passed)}</td>
              <td>{cell(e.extra, { element: e.elementId, metric: 'extra' }, e.passed)}</td>
              <td>{duration(e.medianWaitMs, t)}</td>
              <td>{duration(e.medianDurationMs, t)}</td>
              <td>
                {e.deadlineDays === null
                  ? t('navigator:noDeadline')
                  : cell(e.overDeadline, { element: e.elementId, metric: 'over_deadline' }, e.passed)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VariantTable(props: { result: TAnalysisResult }) {
  const { t } = useT();
  const { result } = props;
  const total = result.analysis.summary?.cases ?? 0;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{t('navigator:variantsCaption', { count: result.variants.length })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('navigator:cases')}</th>
            <th scope="col">{t('navigator:fitness')}</th>
            <th scope="col">{t('navigator:path')}</th>
            <th scope="col">{t('navigator:deviations')}</th>
            <th scope="col">{t('navigator:throughput')}</th>
          </tr>
        </thead>
        <tbody>
          {result.variants.map((v) => (
            <tr key={v.index}>
              <th scope="row">{v.index + 1}</th>
              <td>
                <Link href={casesHref(result.analysis.id, { variant: v.index })}>
                  {v.count} ({pct(v.count / Math.max(1, total), 1)})
                </Link>
              </td>
              <td>{pct(v.fitness, 1)}</td>
              <td className="bo-path">{v.activities.join(' → ')}</td>
              <td>
                {v.deviations.length === 0 ? (
                  t('navigator:followsModel')
                ) : (
                  <ul className="bo-deviations">
                    {v.deviations.map((d, i) => (
                      <li key={i}>
                        {t(`navigator:dev_${d.kind}`)}: {d.activity}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{duration(v.medianThroughputMs, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Conformance and durations per unit (or per person, for those allowed to see it). */
export function GroupTable(props: { analysisId: string; groups: TGroupStats[]; caption: string; drill: boolean }) {
  const { t } = useT();
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('navigator:group')}</th>
            <th scope="col">{t('navigator:cases')}</th>
            <th scope="col">{t('navigator:averageFitness')}</th>
            <th scope="col">{t('navigator:fittingShare')}</th>
            <th scope="col">{t('navigator:deviatingShare')}</th>
            <th scope="col">{t('navigator:lateShare')}</th>
            <th scope="col">{t('navigator:throughput')}</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.group}</th>
              <td>
                {props.drill ? <Link href={casesHref(props.analysisId, { unit: g.group })}>{g.cases}</Link> : g.cases}
              </td>
              <td>{pct(g.averageFitness, 1)}</td>
              <td>{pct(g.fittingShare)}</td>
              <td>
                {props.drill ? (
                  <Link href={casesHref(props.analysisId, { unit: g.group, metric: 'deviating' })}>
                    {pct(g.deviatingShare)}
                  </Link>
                ) : (
                  pct(g.deviatingShare)
                )}
              </td>
              <td>
                {props.drill ? (
                  <Link href={casesHref(props.analysisId, { unit: g.group, state: 'late' })}>{pct(g.lateShare)}</Link>
                ) : (
                  pct(g.lateShare)
                )}
              </td>
              <td>{duration(g.medianThroughputMs, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
