import { html } from 'hono/html';
import { page } from './layout.ts';
import { embedSnippet } from './snippet.ts';

export interface LandingProps {
  origin: string;
  projectKey: string;
  /** The demo project's id, for the curl example; null if it is gone. */
  projectId: string | null;
}

const STYLES = `
main{max-width:960px;margin:0 auto;padding:48px 24px 64px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:18px;margin:40px 0 8px;padding-top:16px;border-top:1px solid #e4e7eb}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.pair p{margin:4px 0}
.en{color:#52606d}
pre{background:#1f2933;color:#e4e7eb;padding:16px;border-radius:8px;overflow-x:auto;white-space:pre}
.cta{display:inline-block;margin:16px 8px 0 0;padding:10px 18px;border-radius:8px;background:#2457d6;color:#fff;text-decoration:none;font-weight:600}
@media (max-width:640px){.pair{grid-template-columns:1fr}}
`;

const bilingual = (ja: string, en: string) => html`<div class="pair"><p lang="ja">${ja}</p><p lang="en" class="en">${en}</p></div>`;

/** `GET /`: what Kizuna is, how to embed it, where the demo and the API are. */
export function landingPage({ origin, projectKey, projectId }: LandingProps) {
  const curl = `TOKEN=$(npm run --silent admin-token)\ncurl -H "Authorization: Bearer $TOKEN" \\\n  ${origin}/api/v1/admin/projects/${projectId ?? 'PROJECT_ID'}/followups?status=open`;
  return page({
    lang: 'ja',
    title: 'Kizuna — NPS & touchpoint surveys',
    styles: STYLES,
    body: html`<main>
      <h1>Kizuna 絆</h1>
      ${bilingual(
        'セルフホスト型の NPS・タッチポイント調査。スコアだけでなく、何がスコアを動かしたかを測り、不満の声にフォローアップします。',
        'Self-hosted NPS and touchpoint surveys: measure what moves the score, and follow up with unhappy customers.',
      )}
      <a class="cta" href="/demo">デモを試す · Try the demo</a>
      <a class="cta" href="/admin">管理コンソール · Admin console</a>
      ${bilingual(
        'コンソールには、初回起動時にサーバーログへ出力されたオーナー（デモでは demo@kizuna.local）でログインします。',
        'Sign in to the console as the owner printed in the server log on first start (demo@kizuna.local in the demo).',
      )}

      <h2>埋め込みコード · Embed snippet</h2>
      ${bilingual(
        '製品のページに貼り付け、USER_ID と属性をログイン中のユーザーのものにしてください。',
        'Paste into your product’s pages and fill in the signed-in user’s id and attributes.',
      )}
      <pre><code>${embedSnippet(origin, projectKey)}</code></pre>

      <h2>管理トークン · Admin token</h2>
      ${bilingual(
        '初回起動時にサーバーログへ出力されます。サーバーのマシンで npm run admin-token を実行すると表示、npm run admin-token -- --rotate で再発行できます。ページには表示しません。',
        'Printed in the server log on first start. On the server’s machine, npm run admin-token prints it and npm run admin-token -- --rotate replaces it. It is never shown in a page.',
      )}

      <h2>フォローアップを読む · Read follow-ups</h2>
      <pre><code>${curl}</code></pre>
      ${bilingual('API の全体は OpenAPI で公開しています:', 'The whole API is described as OpenAPI:')}
      <p><a href="/api/openapi.json">/api/openapi.json</a></p>
    </main>`,
  });
}
