/**
 * Which ids, attribute values and classes a framework or build tool made up: they change between
 * builds, renders or page loads, so a stored selector must not lean on them.
 */

/** React useId (`:r3:`, `«r3»`, `_r_3_`), Ember, Ext JS, MUI, react-select, Downshift, Radix, Headless UI. */
const FRAMEWORK_ID = /:r[\da-z]+:|«r[\da-z]+»|(?:^|[^a-z\d])_r_[\da-z]+_|^(?:ember|ext-gen|ext-comp|mui-|react-select-|downshift-)\d|^(?:radix|headlessui)-/i;
const UUID = /[\da-f]{8}-(?:[\da-f]{4}-){3}[\da-f]{12}/i;

/** A run of letters and digits that switches between them 3+ times (`x7f3k`), or long hex with a digit. */
function randomToken(token: string): boolean {
  if (token.length >= 8 && /^[\da-f]+$/i.test(token) && /\d/.test(token)) return true;
  // Three switches, not two: hand-written `a11y`, `i18n` and `e2e` have two.
  return (token.match(/[a-z](?=\d)|\d(?=[a-z])/gi)?.length ?? 0) >= 3;
}

/** Ids, names, labels and data values that look machine-made: framework ids, UUIDs, 3+ digits, random mixes. */
export function looksGenerated(value: string): boolean {
  return FRAMEWORK_ID.test(value) || UUID.test(value) || /\d{3,}/.test(value) || value.split(/[^a-z\d]+/i).some(randomToken);
}

/** CSS-in-JS and scoped-style prefixes: emotion, styled-components, styled-jsx, Svelte, Astro, JSS. */
const SCOPED_CLASS = /^(?:css|sc|jsx|svelte|emotion|astro|makeStyles|jss)[-\d]/;
/** CSS modules: `Button_primary__3xT9k` (Next.js, vanilla-extract), `_3xT9k` and `_primary_3xt9k_12` (webpack, Vite). */
const CSS_MODULE = /^_|_[\w-]*__(?=[\w-]*[\dA-Z])[\w-]{5,}$/;
/** styled-components' second class (`bLwZrT`, `kDfGhj`): short, letters only, case flipping mid-word. */
const LETTER_HASH = /^(?=[a-zA-Z]{5,8}$)(?:[a-z][A-Z]|(?:.*[a-z][A-Z]){2})/;

/** Tailwind (and Bootstrap) utilities: a family prefix and a scale, size, colour or keyword value. */
const UTILITY =
  /^-?(?:[mp][xytblrse]?|[wh]|size|min-[wh]|max-[wh]|gap(?:-[xy])?|space-[xy]|inset(?:-[xy])?|top|right|bottom|left|z|order|basis|text|font|leading|tracking|bg|from|via|to|fill|stroke|border(?:-[xytblrse])?|rounded(?:-[tblrse]{1,2})?|shadow|ring|outline|opacity|flex|grid-(?:cols|rows)|col(?:-span)?|row(?:-span)?|items|justify|content|self|place-(?:items|content|self)|overflow(?:-[xy])?|cursor|select|duration|delay|ease|translate-[xy]|rotate|scale|line-clamp|aspect|object|whitespace|break|align|decoration|animate|d)-(?:(?:[a-z]+-)?[\d.]+|[xytblrse]|px|auto|full|screen|fit|min|max|none|xs|sm|base|md|lg|[2-9]?xl|white|black|transparent|current|center|start|end|between|around|evenly|stretch|baseline|col|row|wrap|nowrap|hidden|visible|scroll|clip|pointer|bold|semibold|medium|normal|light|thin|sans|serif|mono|tight|snug|relaxed|loose|wide|in|out|in-out|linear|colors|all|left|right|top|bottom|block|inline|flex|grid)$/;
const UTILITY_WORDS = new Set(
  'flex grid block inline inline-block inline-flex inline-grid contents hidden invisible visible relative absolute fixed sticky static truncate underline italic uppercase lowercase capitalize container sr-only border rounded shadow transition grow shrink'.split(' '),
);

/**
 * Classes that say nothing about what the element is: hashed (CSS-in-JS, CSS modules) or
 * utilities (`px-4`, `hover:bg-blue-600`, `w-[32px]`). Semantic ones (`btn-primary`, `nav-link`) pass.
 */
export function isNoiseClass(name: string): boolean {
  return (
    /[:[\]/!.]/.test(name) || // Tailwind variants, arbitrary values, opacities, fractions, `!important`
    SCOPED_CLASS.test(name) ||
    CSS_MODULE.test(name) ||
    LETTER_HASH.test(name) ||
    UTILITY.test(name) ||
    UTILITY_WORDS.has(name) ||
    looksGenerated(name)
  );
}

/** Framework bookkeeping and UI state (Vue scoped styles, React, Radix, Headless UI, …) and per-record keys. */
const NOISE_DATA_NAME =
  /^data-(?:v-|react|headlessui|radix|emotion|styled|sentry|popper|floating|state$|side$|align$|orientation$|disabled$|active$|selected$|checked$|highlighted$|open$|expanded$|pressed$|focus|hover|placeholder$|loading$|index$|key$|row-key$|id$|uid$|value$)/;

/** A `data-*` attribute (other than a test id) that is state, framework noise or not an identifier. */
export function isNoiseDataAttribute(name: string, value: string): boolean {
  return (
    NOISE_DATA_NAME.test(name) ||
    looksGenerated(name) ||
    // Identifiers only: no prose, JSON or markup, and no boolean flags (those are state).
    !/^[^\s"'`{}<>]{1,60}$/.test(value) ||
    /^(?:true|false)$/i.test(value) ||
    looksGenerated(value)
  );
}
