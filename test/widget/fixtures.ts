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
