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
  createdAt: z.string(),
});
export type Account = z.infer<typeof account>;

/** Who is calling: a console account, or the admin bearer token (acting as owner, without an e-mail). */
export const me = z.object({ id: z.string(), email: z.string().nullable(), name: z.string(), role });
export type Me = z.infer<typeof me>;
