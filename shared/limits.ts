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
export const EVENT_TYPES = ['survey_shown', 'survey_dismissed'] as const;
