import { DEFAULT_QUESTION } from '../../shared/schemas/survey.ts';
import type { Store } from './store.ts';

/** The demo project's public key, used by the landing and demo pages. */
export const DEMO_PROJECT_KEY = 'pk_demo';

/**
 * On an empty database, creates the demo project with an active ja/en NPS survey whose
 * touchpoints fit a SaaS product, so a fresh install has something to click through.
 * Does nothing once any project exists.
 */
export async function seedDemo(store: Store): Promise<void> {
  if ((await store.projects.list()).length > 0) return;
  const project = await store.projects.create({ key: DEMO_PROJECT_KEY, name: 'Demo SaaS', allowedOrigins: [] });
  await store.surveys.create(project.id, {
    name: 'Relationship NPS',
    question: DEFAULT_QUESTION,
    touchpoints: [
      { key: 'onboarding', label: { en: 'In-app guide', ja: 'アプリ内ガイド' } },
      { key: 'docs', label: { en: 'Help docs', ja: 'ヘルプドキュメント' } },
      { key: 'support', label: { en: 'Support', ja: 'サポート対応' } },
      { key: 'billing', label: { en: 'Billing', ja: '請求・お支払い' } },
      { key: 'performance', label: { en: 'Speed & reliability', ja: '動作速度・安定性' } },
      { key: 'features', label: { en: 'New features', ja: '新機能' } },
    ],
    detractorThreshold: 6,
    recontactDays: 90,
    // Short, so someone trying the demo sees the survey almost at once.
    delaySeconds: 2,
    sampleRate: 1,
    active: true,
  });
}
