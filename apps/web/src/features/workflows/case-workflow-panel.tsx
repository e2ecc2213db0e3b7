import './workflows.css';
import { useEffect, useState } from 'react';
import type { TCasePath, TCurrentStep } from '@sagsgang/contracts';
import { api } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { Link } from '../../router/router.js';
import { StepGuidance } from './step-guidance.js';
import { workflowsApi } from './workflows-api.js';

/**
 * On the case page: the workflow step the case is in with its guidance and checklist, and the case's own path
 * through the workflow with any deviation. Shows nothing when no workflow is described for the case type.
 */
export function CaseWorkflowPanel(props: { caseId: string; version: number }) {
  const { t } = useT();
  const [step, setStep] = useState<TCurrentStep | null>(null);
  const [path, setPath] = useState<TCasePath | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    // 204 (no workflow described for the case type) arrives as undefined: no panel.
    workflowsApi.currentStep(props.caseId, ctl.signal).then(
      (s) => setStep(s ?? null),
      () => setStep(null),
    );
    api.get<TCasePath>(`/api/navigator/case-path/${props.caseId}`, ctl.signal).then(setPath, () => setPath(null));
    return () => ctl.abort();
  }, [props.caseId, props.version]);

  if (!step) return null;
  return (
    <section aria-labelledby="workflow-heading" className="bo-case-workflow">
      <h2 id="workflow-heading">{t('workflows:currentStepTitle')}</h2>
      <p>
        <Link
          href={`/app/workflows/${step.modelId}${step.step ? `?step=${encodeURIComponent(step.step.elementId)}` : ''}`}
        >
          {step.modelName}
        </Link>
      </p>
      {step.completed && <p>{t('workflows:completedWorkflow')}</p>}
      {step.step && (
        <>
          <p>{t('workflows:currentStepIn')}:</p>
          <StepGuidance task={step.step} headingLevel={3} />
        </>
      )}
      {step.nextSteps.length > 1 && (
        <p>
          {t('workflows:nextSteps')}: {step.nextSteps.map((s) => s.name).join(', ')}
        </p>
      )}
      {path && path.steps.length > 0 && (
        <>
          <h3>{t('navigator:casePathTitle')}</h3>
          <ol className="bo-case-path">
            {path.steps.map((s, i) => (
              <li key={i} data-status={s.status}>
                {s.name} — <strong>{t(`navigator:stepStatus_${s.status}`)}</strong>
                {s.at ? ` (${s.at.slice(0, 10)})` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
