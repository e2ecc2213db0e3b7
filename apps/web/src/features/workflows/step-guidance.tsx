import type { TModelTask } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { GuidanceText } from './guidance-text.js';

/** What an employee reads at one step: guidance, legal references, checklist, tools and templates, deadline. */
export function StepGuidance(props: { task: TModelTask; headingLevel?: 2 | 3 }) {
  const { t } = useT();
  const { task } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const empty =
    !task.guidance &&
    !task.legalRefs.length &&
    !task.checklist.length &&
    !task.links.length &&
    task.deadlineDays === null;
  return (
    <section className="bo-step-guidance" aria-labelledby={`step-${task.elementId}`}>
      <H id={`step-${task.elementId}`}>{task.name || task.elementId}</H>
      {task.deadlineDays !== null && (
        <p>
          <strong>{t('workflows:deadline')}:</strong> {t('workflows:deadlineDays', { count: task.deadlineDays })}
        </p>
      )}
      {empty && <p>{t('workflows:noGuidance')}</p>}
      {task.guidance && <GuidanceText text={task.guidance} />}
      {task.legalRefs.length > 0 && (
        <>
          <h4>{t('workflows:legalRefs')}</h4>
          <ul>
            {task.legalRefs.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      {task.checklist.length > 0 && (
        <>
          <h4>{t('workflows:checklist')}</h4>
          <ul className="bo-checklist">
            {task.checklist.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {task.links.length > 0 && (
        <>
          <h4>{t('workflows:toolsAndTemplates')}</h4>
          <ul>
            {task.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} rel="noopener noreferrer" target="_blank">
                  {l.label}
                </a>{' '}
                ({t(`workflows:linkKind_${l.kind}`)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
