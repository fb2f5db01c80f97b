import { z } from 'zod';
import { archivedAt, archivedFlag } from './archive.ts';
import { audience } from './audience.ts';
import { localizedText, userAttributes, userId } from './common.ts';
import { clientGuide } from './guide.ts';
import { URL_MAX } from '../limits.ts';
import { SCORE_MAX, SCORE_MIN } from '../score.ts';
import { DEFAULT_QUESTION, SURVEY_DEFAULTS } from '../survey-defaults.ts';

export const touchpointKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 characters of a–z 0–9 _ -');

export const touchpoint = z.object({ key: touchpointKey, label: localizedText });
export type Touchpoint = z.infer<typeof touchpoint>;

const touchpoints = z
  .array(touchpoint)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((tp, index) => {
      if (seen.has(tp.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `duplicate touchpoint key "${tp.key}"` });
      seen.add(tp.key);
    });
  });

export { DEFAULT_QUESTION };

const surveyFields = {
  name: z.string().trim().min(1).max(200),
  question: localizedText,
  touchpoints,
  detractorThreshold: z.number().int().min(SCORE_MIN).max(SCORE_MAX),
  recontactDays: z.number().int().min(0).max(3650),
  delaySeconds: z.number().int().min(0).max(3600),
  sampleRate: z.number().min(0).max(1),
  active: z.boolean(),
  /** Who is asked; none: everyone. */
  audience: audience.nullable(),
  /** Higher goes first when a survey and a guide are due together. */
  priority: z.number().int().min(-100).max(100),
};

export const surveyInput = z.object({
  name: surveyFields.name,
  question: surveyFields.question.default(DEFAULT_QUESTION),
  touchpoints: surveyFields.touchpoints,
  detractorThreshold: surveyFields.detractorThreshold.default(SURVEY_DEFAULTS.detractorThreshold),
  recontactDays: surveyFields.recontactDays.default(SURVEY_DEFAULTS.recontactDays),
  delaySeconds: surveyFields.delaySeconds.default(SURVEY_DEFAULTS.delaySeconds),
  sampleRate: surveyFields.sampleRate.default(SURVEY_DEFAULTS.sampleRate),
  active: surveyFields.active.default(SURVEY_DEFAULTS.active),
  audience: surveyFields.audience.default(null),
  priority: surveyFields.priority.default(SURVEY_DEFAULTS.priority),
});
export type SurveyInput = z.input<typeof surveyInput>;

/** PATCH body: any survey field, and `archived` (archiving keeps the survey's answers and reports). */
export const surveyUpdate = z
  .object({ ...surveyFields, archived: archivedFlag })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to update');
export type SurveyUpdate = z.infer<typeof surveyUpdate>;

export const survey = z.object({
  id: z.string(),
  projectId: z.string(),
  ...surveyFields,
  archivedAt,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof survey>;

/** What the widget receives: only what it needs to decide, render and send. */
export const clientSurvey = survey.pick({
  id: true,
  question: true,
  touchpoints: true,
  delaySeconds: true,
  recontactDays: true,
  sampleRate: true,
  audience: true,
  priority: true,
});
export type ClientSurvey = z.infer<typeof clientSurvey>;

export const clientState = z.object({
  surveys: z.array(clientSurvey),
  guides: z.array(clientGuide),
  /** How many surveys or guides may start per page view (a project setting; keeps users from being overwhelmed). */
  maxStartsPerPageView: z.number().int(),
});

/** `POST …/state`: the same answer as GET, for the attributes the user has now (kept, and used for audiences). */
export const stateRequest = z.object({
  userId,
  attributes: userAttributes.optional(),
  /** The page the widget runs on (`location.href`), for the install check; else the Referer is used. */
  url: z.string().url().max(URL_MAX).optional(),
});
export type StateRequest = z.infer<typeof stateRequest>;
export type ClientState = z.infer<typeof clientState>;
