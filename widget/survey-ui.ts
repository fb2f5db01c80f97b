import type { UiLocale } from '../shared/localize.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';

/** The contract between the loader and the lazily loaded survey UI (`ui/survey.tsx`). */

/** Everything the respondent has given so far: each report is a newer, fuller version of one response. */
export interface Answer {
  score: number;
  /** Touchpoint key → −3…+3; touchpoints left "not applicable" are absent. */
  factors?: Record<string, number>;
  comment?: string;
}

export interface SurveyCardOptions {
  survey: ClientSurvey;
  locale: UiLocale;
  /** Called each time the respondent moves past a question (score, touchpoints, comment). */
  onAnswer(answer: Answer): void;
  /** The respondent closed the card: Close, Esc, or the thank-you timing out. */
  onClose(): void;
}

export interface MountedSurvey {
  unmount(): void;
}

export type MountSurvey = (options: SurveyCardOptions) => MountedSurvey;
