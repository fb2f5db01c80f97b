import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { localize } from '../../shared/localize.ts';
import type { Messages } from '../../shared/messages.ts';
import type { ClientSurvey } from '../../shared/schemas/survey.ts';
import { COMMENT_MAX } from '../../shared/limits.ts';
import { FACTOR_MAX, FACTOR_MIN, SCORE_MAX, SCORE_MIN } from '../../shared/score.ts';
import { Scale, type ScaleOption } from './scale.tsx';
import type { SurveyModel } from './survey-model.ts';

export interface StepProps {
  survey: ClientSurvey;
  locale: string;
  t: Messages;
  model: SurveyModel;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const SCORES: ScaleOption<number>[] = range(SCORE_MIN, SCORE_MAX).map((n) => ({ value: n, text: String(n) }));

/** Step headings take focus when the respondent moves between steps (never on first show). */
function Heading({ id, children }: { id?: string; children: ComponentChildren }) {
  return (
    <h2 id={id} tabIndex={-1}>
      {children}
    </h2>
  );
}

export function ScoreStep({ survey, locale, t, model }: StepProps) {
  const id = useId();
  return (
    <>
      <Heading id={id}>{localize(survey.question, locale)}</Heading>
      <Scale
        labelledBy={id}
        options={SCORES}
        ends={[t.scaleLow, t.scaleHigh]}
        value={model.score.value}
        onChange={(score) => (model.score.value = score)}
      />
    </>
  );
}

export function FactorsStep({ survey, locale, t, model }: StepProps) {
  const id = useId();
  const options: ScaleOption<number | null>[] = range(FACTOR_MIN, FACTOR_MAX).map((n, i) => ({
    value: n,
    // A real minus sign and an explicit plus read better than "-3" / "3".
    text: n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0',
    name: t.factorOptions[i],
  }));
  return (
    <>
      <Heading>{t.factorsQuestion}</Heading>
      {survey.touchpoints.map((touchpoint) => (
        <div class="factor" key={touchpoint.key}>
          <div class="factor-label" id={`${id}-${touchpoint.key}`}>
            {localize(touchpoint.label, locale)}
          </div>
          <Scale
            labelledBy={`${id}-${touchpoint.key}`}
            options={options}
            extra={{ value: null, text: t.notApplicable }}
            ends={[t.factorLow, t.factorHigh]}
            value={model.factors.value[touchpoint.key] ?? null}
            onChange={(value) => model.setFactor(touchpoint.key, value)}
          />
        </div>
      ))}
    </>
  );
}

export function CommentStep({ t, model }: StepProps) {
  const id = useId();
  return (
    <>
      <Heading>
        <label for={id}>{t.commentLabel}</label>
      </Heading>
      <textarea
        id={id}
        rows={4}
        maxLength={COMMENT_MAX}
        value={model.comment.value}
        onInput={(e) => (model.comment.value = e.currentTarget.value)}
      />
    </>
  );
}

export function ThanksStep({ t }: StepProps) {
  return <Heading>{t.thanks}</Heading>;
}
