import { z } from 'zod';
import { PASSWORD_LENGTH } from '../limits.ts';
import { ROLES } from '../roles.ts';

export const role = z.enum(ROLES);

/** `POST /api/v1/admin/users`: an owner creates a console account. */
export const accountInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(PASSWORD_LENGTH.min).max(PASSWORD_LENGTH.max),
  role,
  /** Shown in the console and follow-up timelines; the e-mail's local part when omitted. */
  name: z.string().trim().min(1).max(200).optional(),
});
export type AccountInput = z.input<typeof accountInput>;

export const account = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  /** A disabled account cannot sign in and has no session; an owner can enable it again. */
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof account>;

/** `PATCH /api/v1/admin/users/:id`: an owner changes an account's role or disables / enables it. */
export const accountPatch = z
  .object({ role: role.optional(), disabled: z.boolean().optional() })
  .refine((patch) => patch.role !== undefined || patch.disabled !== undefined, 'give role, disabled or both');
export type AccountPatch = z.infer<typeof accountPatch>;

/**
 * An account an owner removed, kept so that the follow-ups it worked on and was assigned still
 * read by name. `removedBy` is the acting owner's e-mail (or `admin-token`).
 */
export const removedAccount = z.object({ id: z.string(), email: z.string(), name: z.string(), removedAt: z.string(), removedBy: z.string() });
export type RemovedAccount = z.infer<typeof removedAccount>;

/** `GET /api/v1/admin/users`: the accounts (oldest first) and the removed ones (most recently removed first). */
export const accountList = z.object({ items: z.array(account), removed: z.array(removedAccount) });
export type AccountList = z.infer<typeof accountList>;

/** Who is calling: a console account, or the admin bearer token (acting as owner, without an e-mail). */
export const me = z.object({ id: z.string(), email: z.string().nullable(), name: z.string(), role });
export type Me = z.infer<typeof me>;
