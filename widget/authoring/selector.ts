import { finder } from '@medv/finder';
import type { StepTarget } from '../../shared/schemas/guide.ts';
import { normalizeText, visibleText } from '../ui/target.ts';
import { isNoiseClass, isNoiseDataAttribute, looksGenerated } from './noise.ts';

/** What a selector leans on, best first. */
export type Anchor = 'test-id' | 'data' | 'id' | 'aria-label' | 'name' | 'role-text' | 'path';

export interface CapturedTarget {
  /** What gets stored in the step. */
  target: Exclude<StepTarget, string>;
  /** What the best selector anchors on: the author is warned when it is only 'path'. */
  anchor: Anchor;
  /**
   * False → the UI warns "no stable anchor": the selector is only classes and structure, so a
   * redesign can lose (or move) the target. A path hanging from a stable ancestor counts as stable.
   */
  stable: boolean;
}

interface Candidate {
  selector: string;
  anchor: Anchor;
  /** The element's own attribute it leans on: the last-resort path must not lean on it too. */
  attribute?: readonly [name: string, value: string];
  /** A path hanging from an ancestor's stable attribute or id. */
  scoped?: boolean;
}

const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test', 'data-test-id', 'data-cy', 'data-qa'];
/** Longer values are prose or serialized state rather than identifiers. */
const VALUE_MAX = 60;
const TEXT_MAX = 80;
/** Within the step schema's limits (1000 characters, five fallbacks). */
const SELECTOR_MAX = 1000;
const FALLBACKS_MAX = 4;
/** How far up a path may hang from a stable ancestor: further up, the path below it is mostly structure. */
const SCOPE_DEPTH = 5;
/** Keeps a click on a huge DOM from freezing the page; finder then answers with a plain position path. */
const FINDER_BUDGET = { timeoutMs: 200, maxNumberOfPathChecks: 2_000 };

/**
 * Selectors for an element the author pointed at: the best one, up to four fallbacks (each from
 * another anchor, the last a class/structure path when the best is an attribute), and its visible
 * text when short. Each selector matches exactly `el` in its document, except a role+text one
 * (`button` + "Export CSV"), which matches it once narrowed by `text` the way `resolveTarget` does.
 *
 * Shadow DOM is not supported: the runtime looks targets up in the document only, so an element
 * inside a shadow root (or not in a document) throws an Error the caller can show.
 */
export function captureTarget(el: Element): CapturedTarget {
  const doc = el.ownerDocument;
  if (el.getRootNode() !== doc) {
    throw new Error('This element is inside a shadow root (or not on the page): such targets are not supported.');
  }
  const visible = visibleText(el).replace(/\s+/g, ' ').trim();
  const text = visible && visible.length <= TEXT_MAX ? visible : undefined;
  const exact = (c: Candidate) => c.selector.length <= SELECTOR_MAX && matchesOnly(doc, c.selector, el);

  const attributes = attributeCandidates(el).filter(exact);
  const roleText = roleTextCandidate(el, text);
  const used = attributes.flatMap((c) => (c.attribute ? [c.attribute] : []));
  const paths = pathCandidates(el, used).filter(exact);
  const ranked = distinct([...attributes, ...(roleText ? [roleText] : []), ...paths]);

  const [best, ...rest] = ranked;
  if (!best) throw new Error(`No selector of at most ${SELECTOR_MAX} characters matches this element.`);
  let fallbacks = rest.slice(0, FALLBACKS_MAX);
  // When one attribute is renamed the others often go with it (one refactor): keep a path too.
  const path = rest.find((c) => c.anchor === 'path');
  if (path && !fallbacks.includes(path)) fallbacks = [...fallbacks.slice(0, FALLBACKS_MAX - 1), path];

  return {
    target: {
      selector: best.selector,
      ...(text ? { text } : {}),
      ...(fallbacks.length ? { fallbacks: fallbacks.map((c) => c.selector) } : {}),
    },
    anchor: best.anchor,
    stable: best.anchor !== 'path' || best.scoped === true,
  };
}

function matchesOnly(doc: Document, selector: string, el: Element): boolean {
  try {
    const found = doc.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

/** A CSS string: only `"`, `\` and line breaks need escaping inside double quotes. */
const quote = (value: string) =>
  `"${value.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
const attributeSelector = (name: string, value: string) => `[${CSS.escape(name)}=${quote(value)}]`;
const handWritten = (value: string) => value.trim() !== '' && value.length <= VALUE_MAX && !looksGenerated(value);

/** Test ids, then hand-written `data-*`, id, `aria-label` and `name`, in that order (not yet checked for uniqueness). */
function attributeCandidates(el: Element): Candidate[] {
  const out: Candidate[] = [];
  const add = (anchor: Anchor, name: string, value: string, selector = attributeSelector(name, value)) =>
    out.push({ selector, anchor, attribute: [name, value] });
  for (const name of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && handWritten(value)) add('test-id', name, value);
  }
  for (const { name, value } of Array.from(el.attributes)) {
    if (name.startsWith('data-') && !TEST_ID_ATTRIBUTES.includes(name) && !isNoiseDataAttribute(name, value)) add('data', name, value);
  }
  if (el.id && handWritten(el.id)) add('id', 'id', el.id, `#${CSS.escape(el.id)}`);
  // Tag-qualified: a label or a name alone is often shared by unrelated elements.
  const tag = CSS.escape(el.localName);
  for (const name of ['aria-label', 'name'] as const) {
    const value = el.getAttribute(name);
    if (value && handWritten(value)) add(name, name, value, tag + attributeSelector(name, value));
  }
  return out;
}

/** The element's role as a selector: an explicit `role`, or a tag whose role and text go together. */
function roleSelector(el: Element): string | undefined {
  const role = el.getAttribute('role')?.trim();
  if (role) return /^[a-z]+$/.test(role) ? attributeSelector('role', role) : undefined;
  if (el.localName === 'a') return el.hasAttribute('href') ? 'a' : undefined;
  return /^(?:button|summary|label|option|h[1-6])$/.test(el.localName) ? el.localName : undefined;
}

/**
 * `button` + "Export CSV": only when no other element the selector matches contains that text.
 * Input buttons show their `value`, which the runtime's text check cannot read, so their label
 * goes into the selector instead.
 */
function roleTextCandidate(el: Element, text: string | undefined): Candidate | undefined {
  const doc = el.ownerDocument;
  if (el.localName === 'input') {
    const type = el.getAttribute('type') ?? '';
    const value = el.getAttribute('value') ?? '';
    if (!/^(?:submit|button|reset)$/i.test(type) || !handWritten(value)) return undefined;
    const selector = `input${attributeSelector('type', type)}${attributeSelector('value', value)}`;
    return matchesOnly(doc, selector, el) ? { selector, anchor: 'role-text' } : undefined;
  }
  const selector = roleSelector(el);
  if (!selector || !text) return undefined;
  const needle = normalizeText(text);
  const withText = Array.from(doc.querySelectorAll(selector)).filter((other) => normalizeText(visibleText(other)).includes(needle));
  return withText.length === 1 && withText[0] === el ? { selector, anchor: 'role-text' } : undefined;
}

/** An attribute finder may use in a path: test ids, hand-written `data-*`, and a few ARIA/form ones. */
function stableAttribute(name: string, value: string): boolean {
  if (TEST_ID_ATTRIBUTES.includes(name)) return handWritten(value);
  if (name.startsWith('data-')) return !isNoiseDataAttribute(name, value);
  return ['aria-label', 'name', 'role', 'type'].includes(name) && handWritten(value);
}

/**
 * Class/structure paths from finder, generated ids, classes and attributes filtered out, and
 * without the element's own attributes in `avoid` (a fallback must survive their renaming). First
 * the one hanging from the nearest stable ancestor, when there is one: a position inside a
 * `[data-testid="invoice-list"]` survives changes elsewhere on the page; then a document-wide one.
 */
function pathCandidates(el: Element, avoid: ReadonlyArray<readonly [string, string]>): Candidate[] {
  const avoided = (name: string, value: string) => avoid.some(([n, v]) => n === name && v === value);
  const find = (root: Element | Document) => {
    try {
      return finder(el, {
        // finder's types want an Element but it takes a Document too; its default is the global one.
        root: root as Element,
        idName: (id) => handWritten(id) && !avoided('id', id),
        className: (name) => !isNoiseClass(name),
        attr: (name, value) => stableAttribute(name, value) && !avoided(name, value),
        ...FINDER_BUDGET,
      });
    } catch {
      return undefined;
    }
  };
  const out: Candidate[] = [];
  const scope = stableAncestor(el);
  const inner = scope && find(scope.element);
  if (scope && inner) out.push({ selector: `${scope.selector} ${inner}`, anchor: 'path', scoped: true });
  out.push({ selector: find(el.ownerDocument) ?? positionPath(el), anchor: 'path' });
  return out;
}

function stableAncestor(el: Element): { element: Element; selector: string } | undefined {
  const doc = el.ownerDocument;
  let node = el.parentElement;
  for (let depth = 0; node && node !== doc.body && node !== doc.documentElement && depth < SCOPE_DEPTH; depth++) {
    const ancestor: Element = node;
    const anchor = attributeCandidates(ancestor).find((c) => matchesOnly(doc, c.selector, ancestor));
    if (anchor) return { element: ancestor, selector: anchor.selector };
    node = ancestor.parentElement;
  }
  return undefined;
}

/** `html > body > div:nth-of-type(2) > button:nth-of-type(1)`: always exact, never pretty. */
function positionPath(el: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const self: Element = node;
    const siblings = self.parentElement ? Array.from(self.parentElement.children).filter((s) => s.localName === self.localName) : [];
    steps.unshift(self.parentElement ? `${CSS.escape(self.localName)}:nth-of-type(${siblings.indexOf(self) + 1})` : CSS.escape(self.localName));
  }
  return steps.join(' > ');
}

function distinct(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.selector) && seen.add(c.selector));
}
