import { html, raw } from 'hono/html';
import { DEMO_GUIDE_TARGETS } from '../data/seed.ts';
import { page } from './layout.ts';
import { KIZUNA_STUB } from './snippet.ts';

export interface DemoProps {
  origin: string;
  projectKey: string;
}

const STYLES = `
.app{display:grid;grid-template-columns:220px 1fr;min-height:100vh}
nav{background:#102a43;color:#d9e2ec;padding:24px 16px}
nav .brand{font-weight:700;font-size:18px;color:#fff;margin-bottom:24px}
nav a{display:block;color:#bcccdc;text-decoration:none;padding:8px 10px;border-radius:6px}
nav a[aria-current]{background:#243b53;color:#fff}
main{padding:32px}
header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:8px}
h1{font-size:22px;margin:0}
.sub{color:#627d98;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:16px;margin:24px 0}
.card{background:#fff;border:1px solid #e4e7eb;border-radius:10px;padding:16px}
.card b{display:block;font-size:22px;margin-top:4px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e4e7eb;border-radius:10px}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #f0f4f8;font-size:14px}
th{color:#627d98;font-weight:600}
caption{text-align:left;padding:8px 0}
.paid{color:#18794e}.due{color:#b54708}
.demo{margin-top:24px;background:#fffbea;border:1px dashed #f0b429;border-radius:10px;padding:16px}
.demo button{font:inherit;margin:8px 8px 0 0;padding:8px 14px;border-radius:8px;border:1px solid #9fb3c8;background:#fff;cursor:pointer}
.demo code{background:#fff;padding:1px 6px;border-radius:4px}
@media (max-width:720px){.app{grid-template-columns:1fr}nav{display:none}}
`;

const INVOICES = [
  { no: 'INV-2041', customer: '株式会社サクラ商事 · Sakura Trading', amount: '¥348,000', paid: true },
  { no: 'INV-2040', customer: 'みどり歯科クリニック · Midori Dental', amount: '¥86,900', paid: false },
  { no: 'INV-2039', customer: 'Blue Harbor Design', amount: '¥212,500', paid: true },
  { no: 'INV-2038', customer: '合同会社ツバメ物流 · Tsubame Logistics', amount: '¥574,200', paid: false },
];

// Runs once per page view: keeps a demo user (id, plan, ltv) and locale in localStorage,
// identifies them, and lets the visitor start over as someone new or switch language.
const DEMO_SCRIPT = `(function(){
var S='kizuna-demo',st;try{st=JSON.parse(localStorage.getItem(S)||'null')}catch(e){}
var plans=['free','pro','enterprise'];
function fresh(){var p=plans[Math.floor(Math.random()*3)];return{id:'demo-'+Math.random().toString(36).slice(2,10),plan:p,ltv:p==='free'?0:p==='pro'?120000:980000,locale:st?st.locale:'ja'}}
function save(){try{localStorage.setItem(S,JSON.stringify(st))}catch(e){}}
function identify(){kizuna('identify',st.id,{plan:st.plan,ltv:st.ltv,locale:st.locale});document.getElementById('demo-user').textContent=st.id+' ('+st.plan+')';document.getElementById('demo-locale').textContent=st.locale}
if(!st||!st.id)st=fresh();save();identify();
document.getElementById('demo-new-user').addEventListener('click',function(){st=fresh();save();kizuna('reset');identify()});
document.getElementById('demo-locale-toggle').addEventListener('click',function(){st.locale=st.locale==='ja'?'en':'ja';save();identify()});
})();`;

/** `GET /demo`: a mock invoicing dashboard carrying the widget, for trying surveys again and again. */
export function demoPage({ origin, projectKey }: DemoProps) {
  return page({
    lang: 'ja',
    title: 'Hoshi Invoice — デモ · Demo',
    styles: STYLES,
    body: html`<div class="app">
        <nav aria-label="メイン · Main">
          <div class="brand">Hoshi Invoice</div>
          <a href="/demo" aria-current="page">ダッシュボード · Dashboard</a>
          <a href="/demo">請求書 · Invoices</a>
          <a href="/demo">取引先 · Customers</a>
          <a href="/demo">設定 · Settings</a>
          <a href="/">← Kizuna</a>
        </nav>
        <main>
          <header>
            <h1>ダッシュボード <span class="sub">Dashboard</span></h1>
            <span class="sub">2025年 · FY2025</span>
          </header>
          <section class="cards" id="${DEMO_GUIDE_TARGETS.summary}" data-testid="${DEMO_GUIDE_TARGETS.summary}" aria-label="今月の数字 · This month">
            <div class="card">今月の請求額 <span class="sub">Billed this month</span><b>¥1,221,600</b></div>
            <div class="card">入金済み <span class="sub">Paid</span><b>¥560,500</b></div>
            <div class="card">未入金 <span class="sub">Outstanding</span><b>¥661,100</b></div>
            <div class="card">平均入金日数 <span class="sub">Days to pay</span><b>18.4</b></div>
          </section>
          <table id="${DEMO_GUIDE_TARGETS.invoices}" data-testid="${DEMO_GUIDE_TARGETS.invoices}">
            <caption class="sub">最近の請求書 · Recent invoices</caption>
            <thead>
              <tr><th>番号 · No.</th><th>取引先 · Customer</th><th>金額 · Amount</th><th>状態 · Status</th></tr>
            </thead>
            <tbody>
              ${INVOICES.map(
                (inv) =>
                  html`<tr>
                    <td>${inv.no}</td><td>${inv.customer}</td><td>${inv.amount}</td>
                    <td class="${inv.paid ? 'paid' : 'due'}">${inv.paid ? '入金済み · Paid' : '未入金 · Due'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <section class="demo" aria-label="デモの操作 · Demo controls">
            <div>デモユーザー · Demo user: <code id="demo-user">…</code> · 言語 · Language: <code id="demo-locale">…</code></div>
            <div class="sub">新しいユーザーには最初に画面のガイドが、次のページ表示でアンケートが表示されます。回答後は新しいユーザーで再度お試しください。 · A new user first gets a short tour of this page, then the survey on the next page view; answer, then start over as a new user.</div>
            <button type="button" id="demo-new-user">新しいデモユーザー · New demo user</button>
            <button type="button" id="demo-locale-toggle">日本語 / English</button>
          </section>
        </main>
      </div>
      <script>
        ${raw(KIZUNA_STUB)}
      </script>
      <script async src="${origin}/widget.js" data-project="${projectKey}"></script>
      <script>
        ${raw(DEMO_SCRIPT)}
      </script>`,
  });
}
