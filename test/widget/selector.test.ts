// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { looksGenerated, isNoiseClass, isNoiseDataAttribute } from '../../widget/authoring/noise.ts';
import { captureTarget, type CapturedTarget } from '../../widget/authoring/selector.ts';
import { normalizeText, resolveTarget } from '../../widget/ui/target.ts';
import { giveBox } from './fixtures.ts';

// Browsers have CSS.escape (the widget relies on it); jsdom does not. The CSSOM spec's algorithm:
if (typeof globalThis.CSS?.escape !== 'function') {
  const escape = (value: string) =>
    Array.from(value, (ch, i) => {
      const c = ch.charCodeAt(0);
      if (c === 0) return '\uFFFD';
      if (c <= 0x1f || c === 0x7f || (/\d/.test(ch) && (i === 0 || (i === 1 && value[0] === '-')))) return `\\${c.toString(16)} `;
      if (i === 0 && ch === '-' && value.length === 1) return '\\-';
      return c >= 0x80 || /[\w-]/.test(ch) ? ch : `\\${ch}`;
    }).join('');
  Object.assign(globalThis, { CSS: { escape } });
}

/** Puts `html` in the page, every element with a box (jsdom has no layout), and returns `pick`'s match. */
function page(html: string, pick = '[data-pick]'): Element {
  document.body.innerHTML = html;
  document.body.querySelectorAll('*').forEach((el) => giveBox(el));
  const el = document.querySelector(pick);
  if (!el) throw new Error(`nothing matches ${pick}`);
  el.removeAttribute('data-pick');
  return el;
}

const all = (selector: string) => Array.from(document.querySelectorAll(selector));

/**
 * What every capture must hold: each selector (primary and fallbacks) singles out `el`, alone or
 * narrowed by `text` as the runtime narrows, fallbacks are distinct, and the stored target resolves to `el`.
 */
function capture(el: Element): CapturedTarget {
  const captured = captureTarget(el);
  const { selector, text, fallbacks = [] } = captured.target;
  for (const s of [selector, ...fallbacks]) {
    const matched = all(s);
    const narrowed = text ? matched.filter((m) => normalizeText(m.textContent ?? '').includes(normalizeText(text))) : matched;
    expect(narrowed, s).toEqual([el]);
    // Only a role+text selector (`button`) may match more than the element before narrowing.
    if (!/^(?:[a-z][a-z\d]*|\[role="[a-z]+"\])$/.test(s)) expect(matched, s).toEqual([el]);
  }
  expect(new Set([selector, ...fallbacks]).size).toBe(fallbacks.length + 1);
  expect(fallbacks.length).toBeLessThanOrEqual(4);
  expect(resolveTarget(document, captured.target)).toBe(el);
  return captured;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('attribute anchors', () => {
  it('prefers a test id to an id, a class and the text, and keeps those as fallbacks with a path last', () => {
    const el = page(`
      <div class="toolbar">
        <button class="btn">Cancel</button>
        <button data-pick id="save" class="btn btn-primary" data-testid="save-invoice">Save</button>
      </div>`);
    expect(capture(el)).toEqual({
      target: { selector: '[data-testid="save-invoice"]', text: 'Save', fallbacks: ['#save', 'button', '.btn-primary'] },
      anchor: 'test-id',
      stable: true,
    });
  });

  it.each(['data-testid', 'data-test', 'data-test-id', 'data-cy', 'data-qa'])('takes %s as a test id', (name) => {
    const el = page(`<span ${name}="total" data-pick data-tour="total">42</span>`);
    const { target, anchor } = capture(el);
    expect(target.selector).toBe(`[${name}="total"]`);
    expect(anchor).toBe('test-id');
  });

  it('takes a hand-written data attribute and skips framework and state ones', () => {
    const el = page(`
      <div data-pick data-v-1a2b3c data-reactid=".0.1" data-state="open" data-headlessui-state="open"
        data-radix-collection-item="" data-orientation="vertical" data-tour="billing-summary" data-active="true">Billing</div>`);
    const { target, anchor } = capture(el);
    expect(target.selector).toBe('[data-tour="billing-summary"]');
    expect(anchor).toBe('data');
    expect(JSON.stringify(target)).not.toMatch(/data-(v-|reactid|state|headlessui|radix|orientation|active)/);
  });

  it('skips data values that look generated or are prose, and test ids that look generated', () => {
    const el = page(`
      <section data-pick data-testid="panel-3f9a1c2e7b" data-row="9f1c2e3a-7b4d-4c8e-9a1f-2b3c4d5e6f70"
        data-tooltip="Shows all the invoices you have sent this month" data-section="invoices">…</section>`);
    expect(capture(el).target.selector).toBe('[data-section="invoices"]');
  });

  it.each([':r5:', '«r5»', '_r_5_', 'ember42', 'ext-gen1234', 'mui-123', 'radix-:r1:-trigger', 'headlessui-menu-button-12', 'react-select-2-input', '9f1c2e3a-7b4d-4c8e-9a1f-2b3c4d5e6f70', 'x7f3k9'])(
    'skips the generated id %s for the aria-label',
    (id) => {
      const el = page(`<button data-pick aria-label="Close">×</button><button>Open</button>`);
      el.id = id;
      const { target, anchor } = capture(el);
      expect(target.selector).toBe('button[aria-label="Close"]');
      expect(anchor).toBe('aria-label');
      expect(JSON.stringify(target)).not.toContain(JSON.stringify(id).slice(1, -1));
    },
  );

  it('uses a hand-written id', () => {
    const el = page(`<button data-pick id="close-dialog" class="css-1x2y3z" aria-label="Close">×</button>`);
    const { target, anchor } = capture(el);
    expect(target.selector).toBe('#close-dialog');
    expect(anchor).toBe('id');
    expect(target.fallbacks?.[0]).toBe('button[aria-label="Close"]');
  });

  it('anchors an input on its name, tag-qualified', () => {
    const el = page(`<form><input id=":r1:" name="email" data-pick><input id=":r2:" name="password" type="password"></form><meta name="email">`);
    const { target, anchor, stable } = capture(el);
    expect(target.selector).toBe('input[name="email"]');
    expect([anchor, stable]).toEqual(['name', true]);
  });

  it('escapes an id starting with a digit, and quotes and backslashes in values', () => {
    const byId = page(`<div data-pick id="1st-step">One</div><div id="2nd-step">Two</div>`);
    expect(capture(byId).target.selector).toBe('#\\31 st-step');

    const byValue = page(`<button data-pick data-testid='say "hi" \\ now' aria-label='Say "hi"'>Hi</button><button>Bye</button>`);
    const { target } = capture(byValue);
    expect(target.selector).toBe('[data-testid="say \\"hi\\" \\\\ now"]');
    expect(target.fallbacks?.[0]).toBe('button[aria-label="Say \\"hi\\""]');
  });

  it('skips an attribute shared by several elements', () => {
    const el = page(`<button data-testid="pay" aria-label="Pay">Pay</button><div class="card"><button data-pick data-testid="pay" aria-label="Pay" id="pay-card">Pay</button></div>`);
    expect(capture(el).target.selector).toBe('#pay-card');
  });
});

describe('role and text', () => {
  it('points at a plain button by its text among other plain buttons', () => {
    const el = page(`<div><button>Import</button><button data-pick>Export  CSV</button><button>Export PDF</button></div>`);
    const { target, anchor, stable } = capture(el);
    expect(target.selector).toBe('button');
    expect(target.text).toBe('Export CSV');
    expect([anchor, stable]).toEqual(['role-text', true]);
  });

  it('still finds a reworded button through its path fallback', () => {
    const el = page(`<div><button>Import</button><button data-pick>Export CSV</button><button>Export PDF</button></div>`);
    const { target } = capture(el);
    el.textContent = 'Download CSV';
    expect(resolveTarget(document, target)).toBe(el);
  });

  it('is not used when another element of the role contains the text', () => {
    // The runtime narrows with `includes`: "Export" would also find "Export CSV".
    const el = page(`<div><button>Export CSV</button><button data-pick>Export</button></div>`);
    const { target, anchor } = capture(el);
    expect(anchor).toBe('path');
    expect(target.selector).not.toBe('button');
    expect(target.text).toBe('Export');
  });

  it('uses an explicit role', () => {
    const el = page(`<div role="tablist"><div role="tab">Overview</div><div role="tab" data-pick>Billing</div></div><p>Billing</p>`);
    const { target, anchor } = capture(el);
    expect(target).toMatchObject({ selector: '[role="tab"]', text: 'Billing' });
    expect(anchor).toBe('role-text');
  });

  it("puts an input button's label in the selector, where the runtime's text check cannot see it", () => {
    const el = page(`<form><input type="submit" value="Save" data-pick><input type="submit" value="Delete"></form>`);
    const { target, anchor } = capture(el);
    expect(target).toEqual({ selector: 'input[type="submit"][value="Save"]', fallbacks: [expect.stringContaining('input')] });
    expect(anchor).toBe('role-text');
  });

  it('stores no text when it is empty or longer than 80 characters', () => {
    const long = 'A'.repeat(81);
    const el = page(`<p data-pick id="intro">${long}</p><span id="icon" class="icon"></span>`);
    expect(capture(el).target.text).toBeUndefined();
    expect(capture(document.querySelector('#icon') as Element).target.text).toBeUndefined();
  });
});

describe('class and structure paths', () => {
  const noise = 'sc-AxjAm bLwZrT css-1x2y3z Button_primary__3xT9k _3xT9k jsx-123456 svelte-xyz123 emotion-0 px-4 text-sm bg-blue-500 hover:bg-blue-600 w-[32px] md:flex flex hidden';

  it('never uses hashed or utility classes', () => {
    // Each styled component has its own hash: unfiltered, `.sc-AxjAm` alone would single the target out.
    const other = 'sc-BxkCn cDeFgh css-9z8y7x px-4 text-sm';
    const el = page(`
      <div class="${other}"><span class="${other}"></span><span class="${noise}" data-pick></span></div>
      <div class="${other}"><span class="${other}"></span></div>`);
    const { target, anchor, stable } = capture(el);
    for (const s of [target.selector, ...(target.fallbacks ?? [])]) {
      for (const cls of noise.split(' ')) expect(s).not.toContain(CSS.escape(cls));
    }
    expect([anchor, stable]).toEqual(['path', false]);
  });

  it('keeps semantic classes among hashed ones', () => {
    const el = page(`
      <div class="css-1x2y3z invoice-row"><span class="px-4 amount">1</span></div>
      <div class="css-1x2y3z invoice-row selected"><span class="px-4 amount" data-pick>2</span></div>`);
    expect(capture(el).target.selector).toBe('.selected > .amount');
  });

  it('picks the 3rd of 5 identical list items with a short position path', () => {
    const el = page(`<ul>${'<li><button class="pay">Pay</button></li>'.repeat(5)}</ul>`, 'li:nth-child(3) button');
    const { target, anchor, stable } = capture(el);
    expect(target.selector).toBe('li:nth-of-type(3) > .pay');
    expect([anchor, stable]).toEqual(['path', false]);
  });

  it('hangs the position path from a stable ancestor attribute when there is one', () => {
    const el = page(
      `<ul data-testid="invoice-list">${'<li><button class="pay">Pay</button></li>'.repeat(5)}</ul>
       <ul>${'<li><button class="pay">Pay</button></li>'.repeat(2)}</ul>`,
      '[data-testid="invoice-list"] li:nth-child(3) button',
    );
    const { target, anchor, stable } = capture(el);
    expect(target.selector).toBe('[data-testid="invoice-list"] li:nth-of-type(3) > .pay');
    expect([anchor, stable]).toEqual(['path', true]);
  });

  it('answers a deep, wide page in bounded time with a selector that matches only the element', () => {
    const branch = (depth: number): string => (depth ? `<div>${branch(depth - 1)}${branch(depth - 1)}</div>` : '<span></span>');
    const el = page(`<main>${branch(9)}</main>`, 'main > div > div:nth-child(2) > div > div:nth-child(2) > div > div > div:nth-child(2) > div > div > span');
    const started = performance.now();
    captureTarget(el);
    // finder alone gives up after 1 s; our budget is 200 ms, plus the checks around it.
    expect(performance.now() - started).toBeLessThan(800);
    const { anchor, stable } = capture(el);
    expect([anchor, stable]).toEqual(['path', false]);
  });
});

describe('fallbacks', () => {
  const many = `<div class="invoice"><button data-pick data-testid="pay-now" data-tour="pay" id="pay-button" aria-label="Pay invoice" name="pay" class="btn-primary">Pay now</button><button>Later</button></div>`;

  it('are the next anchors in rank, at most four, the last a path', () => {
    const { target } = capture(page(many));
    expect(target).toEqual({
      selector: '[data-testid="pay-now"]',
      text: 'Pay now',
      fallbacks: ['[data-tour="pay"]', '#pay-button', 'button[aria-label="Pay invoice"]', '.btn-primary'],
    });
  });

  it('still find the element when the primary anchor is renamed', () => {
    const el = page(many);
    const { target } = capture(el);
    el.setAttribute('data-testid', 'pay-invoice');
    expect(resolveTarget(document, target)).toBe(el);
  });

  it('still find the element through the path when every attribute it had is gone', () => {
    const el = page(many);
    const { target } = capture(el);
    for (const name of ['data-testid', 'data-tour', 'id', 'aria-label', 'name']) el.removeAttribute(name);
    expect(resolveTarget(document, target)).toBe(el);
  });
});

describe('unsupported targets', () => {
  it('throws for an element inside a shadow root', () => {
    const host = page('<div data-pick></div>');
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
    expect(() => captureTarget(inner)).toThrow(/shadow root/);
  });

  it('throws for an element not on the page', () => {
    expect(() => captureTarget(document.createElement('button'))).toThrow(/not on the page/);
  });
});

describe('noise rules', () => {
  it.each([':r3:', '«r3»', '_r_3_', ':R1a6:-label', 'ember123', 'ext-gen123', 'mui-123', 'radix-:r2:', 'headlessui-listbox-12', 'react-select-2-input', '123e4567-e89b-12d3-a456-426614174000', 'deadbeef42', 'item-2024', 'a1b2c3', '3xT9k'])(
    '%s looks generated',
    (value) => expect(looksGenerated(value)).toBe(true),
  );

  it.each(['close-dialog', 'step2', 'h1-title', 'a11y', 'i18n-menu', 'e2e', 'invoice_list', 'mainNav'])('%s looks hand-written', (value) =>
    expect(looksGenerated(value)).toBe(false),
  );

  it.each(['css-1x2y3z', 'sc-AxjAm', 'bLwZrT', 'jsx-123456', 'Button_primary__3xT9k', '_3xT9k', 'svelte-xyz123', 'emotion-0', 'px-4', 'text-sm', 'bg-blue-500', 'hover:bg-blue-600', 'w-[32px]', 'md:flex', 'flex', 'hidden', '-mt-2', 'w-1/2', 'items-center', 'rounded-lg', 'd-flex'])(
    'class %s is noise',
    (name) => expect(isNoiseClass(name)).toBe(true),
  );

  it.each(['btn-primary', 'invoice-row', 'nav-link', 'card__title', 'row-actions', 'text-field', 'mainNav', 'active'])('class %s is kept', (name) =>
    expect(isNoiseClass(name)).toBe(false),
  );

  it.each([
    ['data-v-1a2b3c', ''],
    ['data-state', 'open'],
    ['data-radix-collection-item', ''],
    ['data-headlessui-state', 'active'],
    ['data-tour', 'true'],
    ['data-note', 'two words'],
    ['data-tour', 'x'.repeat(61)],
  ])('%s="%s" is noise', (name, value) => expect(isNoiseDataAttribute(name, value)).toBe(true));

  it('data-tour="billing" is kept', () => expect(isNoiseDataAttribute('data-tour', 'billing')).toBe(false));
});
