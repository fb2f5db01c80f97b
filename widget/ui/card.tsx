import { useSignal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messages } from '../../shared/messages.ts';
import type { SurveyCardOptions } from '../survey-ui.ts';
import { CommentStep, FactorsStep, ScoreStep, ThanksStep, type StepProps } from './steps.tsx';
import { closeOnEscape } from './escape.ts';
import { createSurveyModel, type Step } from './survey-model.ts';

/** Long enough to read the thank-you, short enough not to linger over the host app. */
export const THANKS_CLOSE_MS = 5_000;
/** A live region must exist before its text changes for screen readers to announce it. */
const ANNOUNCE_DELAY_MS = 300;

const STEPS: Record<Step, ComponentType<StepProps>> = {
  score: ScoreStep,
  factors: FactorsStep,
  comment: CommentStep,
  thanks: ThanksStep,
};

/**
 * The survey card: a non-modal dialog. It takes no focus when it appears (the user may be
 * typing in the host app) and traps none; focus moves with the steps only when it is already in
 * the card.
 */
export function SurveyCard({ survey, locale, onAnswer, onClose }: SurveyCardOptions) {
  const t = messages[locale];
  const [model] = useState(() => createSurveyModel(survey, onAnswer));
  const announcement = useSignal('');
  const titleId = useId();
  const cardRef = useRef<HTMLDivElement>(null);
  const focusNextStep = useRef(false);
  const step = model.step.value;
  const { current, total } = model.progress.value;
  const StepView = STEPS[step];

  useEffect(() => {
    const timer = setTimeout(() => (announcement.value = t.surveyLabel), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (focusNextStep.current) cardRef.current?.querySelector<HTMLElement>('h2')?.focus();
    focusNextStep.current = false;
    if (step !== 'thanks') return;
    const timer = setTimeout(onClose, THANKS_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [step]);

  const move = (go: () => void) => () => {
    const card = cardRef.current;
    focusNextStep.current = !!card && card.contains((card.getRootNode() as Document | ShadowRoot).activeElement);
    go();
  };

  return (
    <div
      ref={cardRef}
      class="card panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      lang={locale}
      onKeyDown={closeOnEscape(onClose)}
    >
      <div class="head">
        <span id={titleId} class="title">
          {t.surveyLabel}
        </span>
        {step !== 'thanks' && <span class="progress">{t.step(current, total)}</span>}
        <button type="button" class="close" aria-label={t.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <StepView survey={survey} locale={locale} t={t} model={model} />
      {step !== 'thanks' && (
        <div class="actions">
          {current > 1 && (
            <button type="button" onClick={move(model.back)}>
              {t.back}
            </button>
          )}
          <button
            type="button"
            class="primary"
            aria-disabled={model.score.value === null}
            onClick={move(model.next)}
          >
            {step === 'comment' ? t.submit : t.next}
          </button>
        </div>
      )}
      <div role="status" class="visually-hidden">
        {announcement}
      </div>
    </div>
  );
}
