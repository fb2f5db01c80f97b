/**
 * The widget UIs' styles, each scoped to its shadow root. `:host { all: initial !important }` cuts off
 * everything the page would pass down (fonts, colours, line-height) and, being an important rule
 * of the inner context, beats even `* { … !important }` in the page. Nothing here can reach the
 * page: no `:root`, no `@property`, no global selectors.
 *
 * Colours meet WCAG AA on white: text #1f2328 (15.8:1), muted #57606a (6.4:1), accent #0b57d0
 * (6.4:1, also for borders and focus rings), control borders #6e7781 (4.6:1).
 */
/** What the survey card and the guide steps share: the reset, the panel look, type, buttons, focus rings. */
export const BASE_CSS = `
:host { all: initial !important; }
*, *::before, *::after { box-sizing: border-box; }
.panel {
  position: fixed; z-index: 2147483645;
  padding: 12px 16px 16px; background: #fff; color: #1f2328;
  border: 1px solid #d0d7de; border-radius: 12px; box-shadow: 0 8px 24px rgba(31, 35, 40, .2);
  font: 400 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif;
  text-align: left; letter-spacing: normal; word-break: normal; overflow-wrap: anywhere;
}
@keyframes kizuna-enter { from { opacity: 0; transform: translateY(8px); } }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; font-size: 12px; color: #57606a; }
h2 { margin: 0 0 12px; font-size: 15px; font-weight: 600; line-height: 1.4; color: inherit; }
h2:focus { outline: none; }
button {
  min-width: 32px; min-height: 36px; margin: 0; padding: 0 16px; border: 1px solid #6e7781; border-radius: 6px;
  background: #fff; color: #1f2328; font-family: inherit; font-size: 14px; font-weight: 600; line-height: 1; cursor: pointer;
}
button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
button.close { min-height: 32px; padding: 0; border: 0; background: transparent; color: #57606a; font-size: 22px; }
button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
`;
