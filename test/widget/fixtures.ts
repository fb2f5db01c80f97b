import type { ClientSurvey } from '../../shared/schemas/survey.ts';

/** A survey as `GET …/state` returns it: two touchpoints, shown without delay unless a test says otherwise. */
export function clientSurvey(overrides: Partial<ClientSurvey> = {}): ClientSurvey {
  return {
    id: 'srv_relationship',
    question: { en: 'How likely are you to recommend Acme?', ja: 'Acmeをすすめる可能性は？' },
    touchpoints: [
      { key: 'docs', label: { en: 'Help docs', ja: 'ヘルプ' } },
      { key: 'support', label: { en: 'Support', ja: 'サポート' } },
    ],
    delaySeconds: 0,
    recontactDays: 90,
    sampleRate: 1,
    audience: null,
    priority: 0,
    ...overrides,
  };
}

export interface Sent {
  url: string;
  init: RequestInit;
  body: any;
}

/**
 * A stand-in for the network: records every request and answers with `reply` (a status, a
 * Response, or an Error to throw as a network failure).
 */
export function fakeNetwork(reply: (url: string, init: RequestInit) => number | Response | Error | Promise<Response> = () => 200) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    sent.push({ url, init, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const answer = reply(url, init);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'number') return new Response(answer === 204 ? null : '{}', { status: answer });
    return answer;
  };
  return { fetch, sent, posts: () => sent.filter((s) => s.init.method === 'POST') };
}

import type { ClientGuide, GuideStep } from '../../shared/schemas/guide.ts';

export function guideStep(overrides: Partial<GuideStep> = {}): GuideStep {
  return { title: 'Step', body: 'Body', placement: 'auto', advance: 'next', spotlight: false, ...overrides };
}

/** A guide as `POST …/state` returns it: three steps on any page, shown at once, once per user. */
export function clientGuide(overrides: Partial<ClientGuide> = {}): ClientGuide {
  return {
    id: 'gd_tour',
    steps: [
      guideStep({ target: '#new-invoice', title: 'Create an invoice', body: 'Click **New** to start.' }),
      guideStep({ target: { selector: '.filters', text: 'Filter' }, title: 'Filter', body: 'Narrow the list.' }),
      guideStep({ title: 'All set', body: 'Done!' }),
    ],
    trigger: { delaySeconds: 0 },
    audience: null,
    frequency: 'once',
    priority: 0,
    progress: null,
    ...overrides,
  };
}

/** jsdom has no layout: gives an element a box so it counts as visible. */
export function giveBox(el: Element, width = 100, height = 20, top = 100, left = 100): Element {
  el.getBoundingClientRect = () => DOMRect.fromRect({ x: left, y: top, width, height });
  return el;
}
