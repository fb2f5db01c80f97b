import type { UiLocale } from '../../shared/localize.ts';
import type { WebhookResponse, WebhookTouchpointAnswer } from '../../shared/schemas/webhook.ts';

/**
 * LTV as a grouped number in the reader's language (120,000), without a currency sign: `ltv` is
 * whatever number the host app sends (yen, dollars, cents, points), and Kizuna is told no
 * currency, so a "¥" or "$" could be wrong. Text values are shown as sent.
 */
export function formatLtv(ltv: string | number | boolean, language: UiLocale): string {
  if (typeof ltv !== 'number' || !Number.isFinite(ltv)) return String(ltv);
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 2 }).format(ltv);
}

/** The user's plan and LTV (formatted) when the host app sent them; what Slack and mail show of a detractor. */
export function planAndLtv(response: WebhookResponse, language: UiLocale): { plan: string | null; ltv: string | null } {
  const { plan, ltv } = response.attributes;
  return {
    plan: plan == null || plan === '' ? null : String(plan),
    ltv: ltv == null || ltv === '' ? null : formatLtv(ltv, language),
  };
}

/** The touchpoints rated below zero, most negative first: what pulled the score down. */
export const negativeTouchpoints = (response: WebhookResponse): WebhookTouchpointAnswer[] =>
  response.touchpoints.filter((tp) => tp.value < 0).sort((a, b) => a.value - b.value);
