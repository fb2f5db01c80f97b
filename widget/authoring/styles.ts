import { GUIDE_CSS } from '../ui/guide-styles.ts';

/**
 * The dock, pick mode and the tour preview, on top of the guide styles (the preview is the real
 * tooltip). The dock sits above the tour's layers; the pick outline above everything, ignoring
 * the pointer so the page underneath is what gets hovered and clicked.
 */
export const AUTHORING_CSS = `${GUIDE_CSS}
.dock {
  position: fixed; bottom: 16px; right: 16px; z-index: 2147483646;
  width: min(380px, calc(100vw - 16px)); max-height: calc(100vh - 32px); overflow: auto;
  padding: 12px 16px 16px; background: #fff; color: #1f2328;
  border: 1px solid #d0d7de; border-radius: 12px; box-shadow: 0 8px 24px rgba(31, 35, 40, .25);
  font: 400 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif;
  text-align: left;
}
.dock.left { right: auto; left: 16px; }
.dock[hidden] { display: none; }
@media (max-width: 480px) { .dock, .dock.left { left: 8px; right: 8px; bottom: 8px; width: auto; max-height: 60vh; } }
.dock-head { display: flex; align-items: center; gap: 8px; }
.dock-head h2 { flex: 1; margin: 0; font-size: 14px; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.bar button { padding: 0 10px; font-size: 13px; }
button[aria-pressed="true"] { background: #ddf4ff; border-color: #0b57d0; color: #0b57d0; }
button[aria-disabled="true"] { opacity: .7; cursor: progress; }
button:disabled { opacity: .5; cursor: default; }
button.icon { min-width: 32px; min-height: 32px; padding: 0; font-size: 16px; }
.hint { margin: 4px 0; color: #57606a; font-size: 12px; }
.status { margin: 8px 0; padding: 8px 10px; border-radius: 6px; background: #f6f8fa; }
.status p { margin: 0 0 4px; }
.status.success { background: #dafbe1; }
.status.error { background: #ffebe9; }
.empty { color: #57606a; }
.steps { list-style: none; margin: 8px 0; padding: 0; }
.steps li { display: flex; gap: 4px; align-items: center; margin-bottom: 4px; }
.steps li.current .step-name { border-color: #0b57d0; box-shadow: inset 3px 0 0 #0b57d0; }
.step-name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: left; font-weight: 400; }
.step { border-top: 1px solid #d0d7de; margin-top: 8px; padding-top: 8px; }
.step h3 { margin: 0 0 8px; font-size: 14px; }
.target p { margin: 0 0 6px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.warn { padding: 6px 8px; border-left: 3px solid #9a6700; background: #fff8c5; font-size: 13px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.field { display: flex; flex-direction: column; gap: 2px; margin: 8px 0; flex: 1; }
.field label { font-weight: 600; font-size: 13px; }
input[type="text"], textarea, select {
  width: 100%; min-height: 36px; padding: 6px 8px; border: 1px solid #6e7781; border-radius: 6px;
  background: #fff; color: #1f2328; font: inherit;
}
input:focus-visible, select:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.check { display: inline-flex; gap: 6px; align-items: center; margin: 4px 12px 4px 0; }
.languages { margin: 8px 0 0; padding: 0; border: 0; }
.languages legend { padding: 0; font-weight: 600; font-size: 13px; }
.picking .outline {
  position: fixed; z-index: 2147483647; pointer-events: none;
  outline: 2px solid #0b57d0; outline-offset: 1px; background: rgba(11, 87, 208, .08);
}
.picking .selector-label {
  position: fixed; z-index: 2147483647; pointer-events: none; max-width: calc(100vw - 8px);
  padding: 2px 6px; border-radius: 4px; background: #0b57d0; color: #fff;
  font: 12px/1.6 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.stop-preview { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; }
`;
