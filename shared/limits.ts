/**
 * Input rules both sides need at run time. Kept free of zod: the schemas build on them on the
 * server, and the widget (which ships no schema runtime) checks what it stores and sends with them.
 */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const USER_ID_MAX = 256;
export const ATTRIBUTES_MAX = 50;
export const ATTRIBUTE_KEY_MAX = 64;
export const ATTRIBUTE_TEXT_MAX = 1000;
export const COMMENT_MAX = 2000;
export const URL_MAX = 2048;
export const SURVEY_EVENT_TYPES = ['survey_shown', 'survey_dismissed'] as const;
export const GUIDE_EVENT_TYPES = ['guide_shown', 'guide_completed', 'guide_dismissed'] as const;
/** Events about one step of a guide; they carry its `stepIndex`. */
export const GUIDE_STEP_EVENT_TYPES = ['guide_step_shown', 'guide_step_completed', 'guide_target_missing'] as const;
/** Custom events from `kizuna('track', name, props)`. */
export const TRACK_EVENT_TYPE = 'track';
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const GUIDE_STEPS_MAX = 20;
export const AUDIENCE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists', 'olderThanDays', 'newerThanDays'] as const;
/** Console passwords: long enough to resist guessing, bounded so hashing stays cheap. */
export const PASSWORD_LENGTH = { min: 10, max: 128 } as const;
/** The URL-fragment parameter carrying a one-time authoring token (`#kizuna-authoring=…`). */
export const AUTHORING_FRAGMENT_PARAM = 'kizuna-authoring';
/** An authoring link works once, within 10 minutes; the session it opens lasts at most an hour. */
export const AUTHORING_LINK_TTL_MS = 10 * 60_000;
export const AUTHORING_SESSION_TTL_MS = 60 * 60_000;
