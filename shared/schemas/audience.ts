import { z } from 'zod';
import { ATTRIBUTE_KEY_MAX, ATTRIBUTE_TEXT_MAX, AUDIENCE_OPS } from '../limits.ts';

const scalar = z.union([z.string().max(ATTRIBUTE_TEXT_MAX), z.number(), z.boolean()]);

/**
 * One rule over an `identify` attribute, e.g. `{ attribute: 'plan', op: 'eq', value: 'pro' }`,
 * `{ attribute: 'ltv', op: 'gte', value: 100000 }`, `{ attribute: 'signedUpAt', op: 'newerThanDays', value: 14 }`.
 */
export const condition = z
  .object({
    attribute: z.string().min(1).max(ATTRIBUTE_KEY_MAX),
    op: z.enum(AUDIENCE_OPS),
    value: z.union([scalar, z.array(scalar).max(100)]).optional(),
  })
  .superRefine((c, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    switch (c.op) {
      case 'in':
        if (!Array.isArray(c.value)) fail('"in" needs a list of values');
        break;
      case 'exists':
        if (c.value !== undefined && typeof c.value !== 'boolean') fail('"exists" takes true, false or nothing');
        break;
      case 'olderThanDays':
      case 'newerThanDays':
        if (typeof c.value !== 'number' || c.value < 0) fail(`"${c.op}" needs a number of days`);
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof c.value !== 'number' && typeof c.value !== 'string') fail(`"${c.op}" needs a number or a date`);
        break;
      case 'contains':
        if (typeof c.value !== 'string') fail('"contains" needs a text');
        break;
      default:
        if (c.value === undefined || Array.isArray(c.value)) fail(`"${c.op}" needs one value`);
    }
  });
export type Condition = z.infer<typeof condition>;

/** Who sees a survey or guide: every `all` condition and at least one `any` condition (when given). */
export const audience = z.object({
  all: z.array(condition).max(20).optional(),
  any: z.array(condition).max(20).optional(),
});
export type Audience = z.infer<typeof audience>;
