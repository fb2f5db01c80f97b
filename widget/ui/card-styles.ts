import { BASE_CSS } from './styles.ts';

/**
 * The survey card on top of the shared base. A module of its own so that only the survey's
 * bundle carries it (bundlers split chunks by module): a guide never downloads the card's CSS.
 */
export const CARD_CSS = `${BASE_CSS}
.card {
  right: 16px; bottom: 16px;
  width: 440px; max-width: calc(100vw - 32px); max-height: calc(100vh - 32px); overflow: auto;
}
@media (prefers-reduced-motion: no-preference) { .card { animation: kizuna-enter .2s ease-out; } }
@media (max-width: 480px) {
  .card { left: 0; right: 0; bottom: 0; width: auto; max-width: none; border-radius: 12px 12px 0 0; }
}
.title { flex: 1; font-weight: 600; }
label { cursor: pointer; }
button[aria-disabled="true"] { background: #eaeef2; border-color: #d0d7de; color: #57606a; cursor: not-allowed; }
.scale { display: grid; grid-template-columns: repeat(11, minmax(0, 1fr)); gap: 4px; }
.scale.with-extra { grid-template-columns: auto repeat(7, minmax(0, 1fr)); }
.option { position: relative; display: block; min-width: 0; }
.option input { position: absolute; top: 0; left: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
.option span {
  display: flex; align-items: center; justify-content: center; min-height: 36px; padding: 0 6px;
  border: 1px solid #6e7781; border-radius: 6px; background: #fff; font-variant-numeric: tabular-nums; white-space: nowrap;
}
.option:hover span { border-color: #0b57d0; }
.option input:checked + span { background: #0b57d0; border-color: #0b57d0; color: #fff; font-weight: 600; }
.with-extra .option:first-child input:checked + span { background: #57606a; border-color: #57606a; }
.option input:focus-visible + span { outline: 2px solid #0b57d0; outline-offset: 2px; }
.ends { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 8px; font-size: 12px; color: #57606a; }
.with-extra .ends { grid-column: 2 / -1; }
.factor + .factor { margin-top: 12px; }
.factor-label { margin-bottom: 4px; font-weight: 600; }
textarea {
  display: block; width: 100%; min-height: 88px; margin: 0; padding: 8px; resize: vertical;
  border: 1px solid #6e7781; border-radius: 6px; background: #fff; color: #1f2328; font: inherit;
}
/* Eleven options do not fit a phone at a comfortable size: two rows, and "not applicable" on its own. */
@media (max-width: 440px) {
  .scale { grid-template-columns: repeat(6, minmax(0, 1fr)); }
  .scale.with-extra { grid-template-columns: repeat(7, minmax(0, 1fr)); }
  .with-extra .option:first-child, .with-extra .ends { grid-column: 1 / -1; }
}
`;
