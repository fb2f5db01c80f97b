import { z } from 'zod';
import { errorBody } from './common.ts';

/**
 * Which items an admin list gives, by whether they are archived: `exclude` (the default) leaves
 * archived ones out, `include` lists them too, `only` lists nothing else.
 */
export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];

/** `?archived=exclude|include|only` of the survey, guide and project lists. */
export const archivedQuery = z.object({ archived: z.enum(ARCHIVED_FILTERS).default('exclude') });

/** When the item was archived (ISO), null while it is not: in every survey, guide and project. */
export const archivedAt = z.string().nullable();

/** `archived` of a PATCH body: true archives (keeping the first archiving time), false unarchives. */
export const archivedFlag = z.boolean();

/** `?force=true` of a DELETE: delete the answers (and everything else that depends on the item) with it. */
export const deleteQuery = z.object({
  force: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/**
 * The 409 `has_answers` of a DELETE without `?force=true`: the standard error body, with how many
 * answers would go with it (for a guide: users who have started it; for a project: its survey
 * answers plus its guides' users).
 */
export const hasAnswersBody = z.object({ error: errorBody.shape.error.extend({ answers: z.number().int().min(1) }) });
export type HasAnswersBody = z.infer<typeof hasAnswersBody>;
