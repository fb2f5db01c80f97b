import { z } from 'zod';
import { ATTRIBUTES_MAX, ATTRIBUTE_KEY_MAX, ATTRIBUTE_TEXT_MAX, CLIENT_ID_PATTERN, USER_ID_MAX } from '../limits.ts';

/** A BCP 47-ish tag as used for survey texts: "ja", "en", "pt-BR". */
export const localeTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like "ja" or "en"');

/** A person-facing text of at most `max` characters: one string for every language, or one per language. */
export const localizedTextOf = (max: number) =>
  z.union([
    z.string().trim().min(1).max(max),
    z
      .record(localeTag, z.string().trim().min(1).max(max))
      .refine((texts) => Object.keys(texts).length > 0, 'needs at least one language'),
  ]);

export const localizedText = localizedTextOf(500);
export type LocalizedText = z.infer<typeof localizedText>;

/** Client-made ids (responses, events): unguessable, URL-safe, 8–64 chars. */
export const clientId = z.string().regex(CLIENT_ID_PATTERN, 'must be 8–64 characters of A–Z a–z 0–9 _ -');

export const userId = z.string().min(1).max(USER_ID_MAX);

/** Attributes given to `identify`; kept flat so they can be filtered on. */
export const userAttributes = z
  .record(z.string().min(1).max(ATTRIBUTE_KEY_MAX), z.union([z.string().max(ATTRIBUTE_TEXT_MAX), z.number(), z.boolean(), z.null()]))
  .refine((attrs) => Object.keys(attrs).length <= ATTRIBUTES_MAX, `at most ${ATTRIBUTES_MAX} attributes`);
export type UserAttributes = z.infer<typeof userAttributes>;

export const isoDate = z.string().datetime({ offset: true });

/** `?from&to`: a half-open window `[from, to)` of ISO times; either end may be left open. */
export const timeRangeQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const PAGE_SIZE = { default: 50, max: 200 } as const;

/** `?limit&cursor` of keyset-paginated lists: pass the previous page's `nextCursor` as `cursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE.max).default(PAGE_SIZE.default),
  cursor: z.string().max(500).optional(),
});

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The fields at fault: at most the first 20. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** How many issues past those 20 were left out (absent when none were). */
    omittedIssues: z.number().int().positive().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
