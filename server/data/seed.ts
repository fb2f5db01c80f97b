import { guideInput } from '../../shared/schemas/guide.ts';
import { DEFAULT_QUESTION } from '../../shared/schemas/survey.ts';
import type { Store } from './store.ts';

/** The demo project's public key, used by the landing and demo pages. */
export const DEMO_PROJECT_KEY = 'pk_demo';

/** Elements of the demo page (server/pages/demo.ts) the demo guide points at. */
export const DEMO_GUIDE_TARGETS = { summary: 'demo-summary', invoices: 'demo-invoices' } as const;

/**
 * On an empty database, creates the demo project with an active ja/en NPS survey whose
 * touchpoints fit a SaaS product, and a two-step tour of the demo page that a new demo user
 * sees before the survey, so a fresh install has something to click through.
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
    audience: null,
    priority: 0,
  });
  await store.guides.create(
    project.id,
    guideInput.parse({
      name: 'Dashboard tour',
      steps: [
        {
          target: `#${DEMO_GUIDE_TARGETS.summary}`,
          title: { ja: '今月の数字', en: 'This month at a glance' },
          body: {
            ja: '請求額・入金済み・**未入金**の合計がひと目でわかります。',
            en: 'What you billed, what was paid and what is still **outstanding**, at a glance.',
          },
          placement: 'bottom',
          spotlight: true,
        },
        {
          target: `#${DEMO_GUIDE_TARGETS.invoices}`,
          title: { ja: '最近の請求書', en: 'Recent invoices' },
          body: {
            ja: '未入金の請求書はオレンジで表示されます。入金を確認したら状態を更新しましょう。',
            en: 'Invoices still due are shown in orange. Update their status once the payment arrives.',
          },
          placement: 'top',
        },
      ],
      trigger: { url: '/demo*', delaySeconds: 1 },
      frequency: 'once',
      // Above the survey's 0: a new demo user is shown around before being asked anything.
      priority: 10,
    }),
  );
}
