// @vitest-environment jsdom
import { act, fireEvent, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuideStep } from '../../shared/schemas/guide.ts';
import type { GuideViewOptions, MountedGuide } from '../../widget/guide-ui.ts';
import { mountGuide } from '../../widget/ui/guide.tsx';
import { GUIDE_HOST_TAG } from '../../widget/ui/shadow-host.ts';
import { TARGET_WAIT_MS } from '../../widget/ui/target.ts';
import { clientGuide, giveBox, guideStep } from './fixtures.ts';

let mounted: MountedGuide | undefined;
const calls: string[] = [];
let ended: string[];

function start(steps: GuideStep[] = clientGuide().steps, over: Partial<GuideViewOptions> = {}) {
  const options: GuideViewOptions = {
    guide: { id: 'gd_tour', steps },
    startAt: 0,
    locale: 'en',
    onStepShown: (i) => calls.push(`shown ${i}`),
    onStepCompleted: (i) => calls.push(`completed ${i}`),
    onTargetMissing: (i) => calls.push(`missing ${i}`),
    onEnd: (how) => {
      ended.push(how);
      mounted?.unmount();
      mounted = undefined;
    },
    ...over,
  };
  // act: preact runs effects (finding the target, focusing) after paint; tests need them done.
  act(() => {
    mounted = mountGuide(options);
  });
}

const root = () => document.querySelector(GUIDE_HOST_TAG)?.shadowRoot ?? null;
const dialog = () => {
  const el = root()?.querySelector<HTMLElement>('[role="dialog"]');
  if (!el) throw new Error('no step shown');
  return el;
};
const ui = () => within(dialog());

function addTargets() {
  const button = document.createElement('button');
  button.id = 'new-invoice';
  button.textContent = 'New';
  const filters = document.createElement('div');
  filters.className = 'filters';
  filters.textContent = 'Filter by status';
  document.body.append(giveBox(button), giveBox(filters));
  return { button, filters };
}

beforeEach(() => {
  calls.length = 0;
  ended = [];
});
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('a tooltip step', () => {
  it('is a non-modal dialog named by its title and described by its body, in its own shadow root', () => {
    addTargets();
    start();
    expect(document.body.lastElementChild?.tagName.toLowerCase()).toBe(GUIDE_HOST_TAG);
    expect(root()?.querySelector('style')?.textContent).toContain(':host { all: initial !important; }');
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('false');
    expect(within(root() as unknown as HTMLElement).getByRole('dialog', { name: 'Create an invoice', description: 'Click New to start.' })).toBe(d);
    expect(d.querySelector('strong')?.textContent).toBe('New');
    expect(d.textContent).toContain('1 / 3');
    expect(d.querySelector('.arrow')).not.toBeNull();
    expect(calls).toEqual(['shown 0']);
  });

  it('moves with Next and Back, shows "2 / 3", ends with Done', () => {
    addTargets();
    start();
    expect(ui().queryByRole('button', { name: 'Back' })).toBeNull();
    fireEvent.click(ui().getByRole('button', { name: 'Next' }));
    expect(dialog().textContent).toContain('2 / 3');
    expect(ui().getByRole('heading', { name: 'Filter' })).toBeTruthy();
    fireEvent.click(ui().getByRole('button', { name: 'Back' }));
    expect(dialog().textContent).toContain('1 / 3');
    fireEvent.click(ui().getByRole('button', { name: 'Next' }));
    fireEvent.click(ui().getByRole('button', { name: 'Next' }));
    expect(dialog().textContent).toContain('3 / 3');
    // The last step has no target: a centred modal card.
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    expect(dialog().className).toContain('modal');
    expect(root()?.querySelector('svg.spot path')).not.toBeNull();
    fireEvent.click(ui().getByRole('button', { name: 'Done' }));
    expect(calls).toEqual(['shown 0', 'completed 0', 'shown 1', 'shown 0', 'completed 0', 'shown 1', 'completed 1', 'shown 2', 'completed 2']);
    expect(ended).toEqual(['completed']);
    expect(document.querySelector(GUIDE_HOST_TAG)).toBeNull();
  });

  it('starts at the given step', () => {
    addTargets();
    start(undefined, { startAt: 1 });
    expect(dialog().textContent).toContain('2 / 3');
    expect(calls).toEqual(['shown 1']);
  });

  it.each([
    ['Close', () => fireEvent.click(ui().getByRole('button', { name: 'Close' }))],
    ['Esc', () => fireEvent.keyDown(ui().getByRole('button', { name: 'Next' }), { key: 'Escape' })],
  ])('%s dismisses the tour', (_, act) => {
    addTargets();
    start();
    act();
    expect(ended).toEqual(['dismissed']);
    expect(document.querySelector(GUIDE_HOST_TAG)).toBeNull();
  });

  it('takes focus when a step appears and gives it back when the tour ends', () => {
    addTargets();
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    start();
    expect(document.activeElement?.tagName.toLowerCase()).toBe(GUIDE_HOST_TAG);
    expect(root()?.activeElement).toBe(dialog());
    fireEvent.click(ui().getByRole('button', { name: 'Next' }));
    expect(root()?.activeElement).toBe(dialog());
    fireEvent.click(ui().getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(input);
  });

  it('advances on a click on the target when the step says so, with no Next button', () => {
    const { button } = addTargets();
    start([guideStep({ target: '#new-invoice', advance: 'click', title: 'Click it' }), guideStep({ title: 'Then this' })]);
    expect(ui().queryByRole('button', { name: 'Next' })).toBeNull();
    fireEvent.click(button);
    expect(ui().getByRole('heading', { name: 'Then this' })).toBeTruthy();
    fireEvent.click(button);
    expect(calls).toEqual(['shown 0', 'completed 0', 'shown 1']);
  });

  it('follows a target the host app replaces while its step shows, without reporting the step twice', async () => {
    const { button } = addTargets();
    start([guideStep({ target: '#new-invoice', advance: 'click', title: 'Click it' }), guideStep({ title: 'Then this' })]);
    const successor = giveBox(document.createElement('button'));
    successor.id = 'new-invoice';
    await act(async () => {
      button.replaceWith(successor);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(ui().getByRole('heading', { name: 'Click it' })).toBeTruthy();
    fireEvent.click(button);
    expect(ui().getByRole('heading', { name: 'Click it' })).toBeTruthy();
    fireEvent.click(successor);
    expect(ui().getByRole('heading', { name: 'Then this' })).toBeTruthy();
    expect(calls).toEqual(['shown 0', 'completed 0', 'shown 1']);
  });

  it('shows HTML in the title and body as text', () => {
    addTargets();
    start([guideStep({ target: '#new-invoice', title: '<b>Hi</b><img src=x onerror=alert(1)>', body: '<script>alert(1)</script> and <a href="javascript:alert(1)">x</a>' })]);
    expect(dialog().querySelector('b, img, script, a')).toBeNull();
    expect(ui().getByRole('heading').textContent).toBe('<b>Hi</b><img src=x onerror=alert(1)>');
    expect(dialog().textContent).toContain('<script>alert(1)</script> and <a href="javascript:alert(1)">x</a>');
  });

  it('is positioned by computePosition (fixed, top/left set)', async () => {
    addTargets();
    start([guideStep({ target: '#new-invoice', spotlight: true })]);
    await vi.waitFor(() => expect(dialog().style.left).toMatch(/px$/));
    expect(dialog().style.top).toMatch(/px$/);
    expect(dialog().dataset.placement).toBeTruthy();
    // The spotlight cuts a hole around the target (100,100 100×20, 6 px of room).
    expect(root()?.querySelector('svg.spot path')?.getAttribute('d')).toContain('M94 94h112v32h-112Z');
  });
});

describe('targets that are late or missing', () => {
  beforeEach(() => vi.useFakeTimers());

  it('waits for a late target, then shows the step', async () => {
    start([guideStep({ target: '#late', title: 'Late' })]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(root()?.querySelector('[role="dialog"]')).toBeNull();
    const el = giveBox(document.createElement('div'));
    el.id = 'late';
    document.body.prepend(el);
    // Preact runs effects after the next frame.
    await vi.advanceTimersByTimeAsync(100);
    expect(ui().getByRole('heading', { name: 'Late' })).toBeTruthy();
    expect(calls).toEqual(['shown 0']);
  });

  it('skips a step whose target never shows up, reporting it', async () => {
    addTargets();
    start([guideStep({ target: '#gone', title: 'Gone' }), guideStep({ target: '#new-invoice', title: 'Here' })]);
    await vi.advanceTimersByTimeAsync(TARGET_WAIT_MS + 100);
    expect(ui().getByRole('heading', { name: 'Here' })).toBeTruthy();
    expect(calls).toEqual(['missing 0', 'shown 1']);
  });

  it('ends quietly when no step can be shown', async () => {
    const error = vi.spyOn(console, 'error');
    start([guideStep({ target: '#gone' }), guideStep({ target: '[[bad' })]);
    await vi.advanceTimersByTimeAsync(TARGET_WAIT_MS * 2 + 200);
    expect(calls).toEqual(['missing 0', 'missing 1']);
    expect(ended).toEqual(['missing']);
    expect(document.querySelector(GUIDE_HOST_TAG)).toBeNull();
    expect(error).not.toHaveBeenCalled();
  });
});
