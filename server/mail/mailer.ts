import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { ClaimedDelivery, DeliveryAttempt, Store } from '../data/store.ts';
import type { DeliveryAttemptResult } from '../delivery/dispatcher.ts';
import { renderMail } from './render.ts';

/** The first 1 KB of the server's answer is kept with each attempt, as for webhooks. */
const RESPONSE_MAX = 1024;

export interface MailerOptions {
  store: Store;
  config: MailConfig;
  now?: () => Date;
}

export interface Mailer {
  /** Sends one claimed mail delivery: the dispatcher's `sendMail`. */
  sendMail(delivery: ClaimedDelivery): Promise<DeliveryAttemptResult>;
  /** Closes the transport's connections. */
  close(): void;
}

/** What an SMTP error carries (nodemailer's NodemailerError, as far as we read it). */
interface SmtpError {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
  /** Set with `responseCode`: true when the server refused the message for good (5xx but 503). */
  permanent?: boolean;
}

/**
 * Mails console accounts through SMTP (nodemailer, `KIZUNA_SMTP_URL`): loads the account (a removed
 * or disabled one is not mailed), writes the mail in its language (else the project's) and sends
 * it. A refusal for good (SMTP 5xx) fails the delivery; a 4xx answer, a timeout or a broken
 * connection is retried on the outbox's schedule. Neither the URL nor its password is ever logged
 * or recorded: an attempt keeps the SMTP status and answer only.
 */
export function createMailer({ store, config, now = () => new Date() }: MailerOptions): Mailer {
  // Bounded waits, so an attempt ends well inside the dispatcher's 60 s lease.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  const skipped = (at: Date, error: string): DeliveryAttemptResult => ({ outcome: 'failed', attempt: { at, statusCode: null, error, durationMs: 0, response: null } });

  return {
    async sendMail(delivery) {
      const at = now();
      const recipient = await store.mailPreferences.recipient(delivery.target);
      if (!recipient) return skipped(at, 'account removed');
      if (recipient.disabled) return skipped(at, 'account disabled');
      const project = await store.projects.get(delivery.projectId);
      const mail = renderMail(delivery.envelope, { language: recipient.language ?? project?.language ?? 'ja', timeZone: project?.timeZone ?? 'Asia/Tokyo', email: recipient.email });
      if (!mail) return skipped(at, `no mail is written for ${String(delivery.envelope.type)}`);
      const started = performance.now();
      const durationMs = () => Math.round(performance.now() - started);
      try {
        const info = await transport.sendMail({ from: config.from, to: { name: recipient.name, address: recipient.email }, ...mail });
        const attempt: DeliveryAttempt = { at, statusCode: smtpCode(info.response), error: null, durationMs: durationMs(), response: info.response.slice(0, RESPONSE_MAX) };
        return { outcome: 'delivered', attempt };
      } catch (caught) {
        const error = caught as SmtpError;
        const attempt: DeliveryAttempt = {
          at,
          statusCode: error.responseCode ?? null,
          error: [error.code, error.message].filter(Boolean).join(': ').slice(0, RESPONSE_MAX) || 'mail not sent',
          durationMs: durationMs(),
          response: error.response?.slice(0, RESPONSE_MAX) ?? null,
        };
        return { outcome: error.permanent === true ? 'failed' : 'retry', attempt };
      }
    },
    close: () => transport.close(),
  };
}

/** The reply code at the start of an SMTP answer (`250 2.0.0 OK`). */
const smtpCode = (response: string): number | null => {
  const code = /^(\d{3})/.exec(response)?.[1];
  return code === undefined ? null : Number(code);
};
