import { z } from 'zod';
import { UI_LOCALES } from '../localize.ts';

/** What a console account wants to be mailed about. All off until the account turns them on. */
export const mailPreferences = z.object({
  /** A follow-up is assigned to me (by someone else). */
  assigned: z.boolean(),
  /** A new detractor in my projects, at once. */
  newDetractor: z.boolean(),
  /** Open and overdue follow-ups, every morning at 9:00 in each project's time zone. */
  dailyDigest: z.boolean(),
});
export type MailPreferences = z.infer<typeof mailPreferences>;
/** One of the choices. */
export type MailKind = keyof MailPreferences;

/** `GET /api/v1/admin/me/mail-preferences`: the choices, and whether the server can send mail at all. */
export const mailPreferencesView = mailPreferences.extend({
  /** False without KIZUNA_SMTP_URL and KIZUNA_MAIL_FROM: nothing is mailed whatever is chosen. */
  configured: z.boolean(),
});
export type MailPreferencesView = z.infer<typeof mailPreferencesView>;

/** `PATCH /api/v1/admin/me`: the console language the account picked (its mails are written in it). */
export const mePatch = z.object({ language: z.enum(UI_LOCALES) });
export type MePatch = z.infer<typeof mePatch>;
