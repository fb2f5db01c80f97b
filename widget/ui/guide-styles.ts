import { BASE_CSS } from './styles.ts';

/** Tooltip, centred card, arrow and spotlight, on top of the styles shared with the survey card. */
export const GUIDE_CSS = `${BASE_CSS}
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.tip { top: 0; left: 0; width: 340px; max-width: calc(100vw - 16px); }
.modal {
  top: 50%; left: 50%; transform: translate(-50%, -50%);
  width: 440px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto;
}
@media (prefers-reduced-motion: no-preference) { .tip { animation: kizuna-fade .15s ease-out; } }
@keyframes kizuna-fade { from { opacity: 0; } }
.progress { flex: 1; font-variant-numeric: tabular-nums; }
.body p, .body ul, .body ol { margin: 0 0 8px; }
.body ul, .body ol { padding-left: 20px; }
.body a { color: #0b57d0; text-decoration: underline; }
.arrow { position: absolute; width: 12px; height: 12px; background: #fff; transform: rotate(45deg); pointer-events: none; }
.spot { position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; z-index: 2147483644; pointer-events: none; }
.spot path { fill: rgba(31, 35, 40, .5); pointer-events: auto; }
`;
