import { computed, signal } from '@preact/signals';
import type { ClientSurvey } from '../../shared/schemas/survey.ts';
import type { Answer } from '../survey-ui.ts';

export type Step = 'score' | 'factors' | 'comment' | 'thanks';

/**
 * The state of one card: where the respondent is and what they chose. Moving forward reports
 * the whole answer so far, so a respondent who leaves after any step still counts.
 */
export function createSurveyModel(survey: ClientSurvey, onAnswer: (answer: Answer) => void) {
  const questions: Step[] = survey.touchpoints.length ? ['score', 'factors', 'comment'] : ['score', 'comment'];
  const position = signal(0);
  const score = signal<number | null>(null);
  /** Touchpoint key → −3…+3; a key is absent while its touchpoint is "not applicable". */
  const factors = signal<Record<string, number>>({});
  const comment = signal('');

  function answer(chosen: number): Answer {
    const text = comment.value.trim();
    return {
      score: chosen,
      ...(Object.keys(factors.value).length ? { factors: factors.value } : {}),
      ...(text ? { comment: text } : {}),
    };
  }

  return {
    step: computed<Step>(() => questions[position.value] ?? 'thanks'),
    /** 1-based number of the current question, and how many there are. */
    progress: computed(() => ({ current: position.value + 1, total: questions.length })),
    score,
    factors,
    comment,
    setFactor(key: string, value: number | null) {
      const { [key]: _previous, ...others } = factors.value;
      factors.value = value === null ? others : { ...others, [key]: value };
    },
    /** Reports the answer and moves on; does nothing until a score is chosen. */
    next() {
      if (score.value === null) return;
      onAnswer(answer(score.value));
      position.value++;
    },
    back() {
      if (position.value > 0) position.value--;
    },
  };
}

export type SurveyModel = ReturnType<typeof createSurveyModel>;
