/**
 * A small Markdown subset for guide bodies, parsed to plain data (rendered to vnodes by
 * `markdown-view.tsx`): **bold**, *italic*, [links](https://…), `-`/`*` and `1.` lists, line
 * breaks and paragraphs. Text stays text: HTML in the source is never interpreted, and links
 * other than http(s) and mailto become their plain label.
 */
export type Inline = string | { t: 'b' | 'i'; c: Inline[] } | { t: 'a'; href: string; c: Inline[] } | { t: 'br' };
export type Block = { t: 'p'; c: Inline[] } | { t: 'ul' | 'ol'; items: Inline[][] };

const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s<>"'`]+$/i;
const ESCAPABLE = '\\*[]()';

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { t: 'ul' | 'ol'; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph.length) {
      const c: Inline[] = [];
      paragraph.forEach((line, i) => {
        if (i) c.push({ t: 'br' });
        c.push(...parseInline(line));
      });
      blocks.push({ t: 'p', c });
    }
    paragraph = [];
    if (list) blocks.push(list);
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const item = /^[-*]\s+(.*)$/.exec(line) ?? /^\d{1,9}[.)]\s+(.*)$/.exec(line);
    if (!line) {
      flush();
    } else if (item) {
      const t = /^[-*]/.test(line) ? 'ul' : 'ol';
      if (paragraph.length || (list && list.t !== t)) flush();
      list ??= { t, items: [] };
      list.items.push(parseInline(item[1] ?? ''));
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Inline marks; `links` is false inside a link's label (no links in links). */
export function parseInline(text: string, links = true): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const push = (node: Inline) => {
    if (plain) out.push(plain);
    plain = '';
    out.push(node);
  };
  for (let i = 0; i < text.length; ) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && ESCAPABLE.includes(next)) {
      plain += next;
      i += 2;
      continue;
    }
    if (ch === '*' && next === '*') {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2 && !/\s/.test(text[i + 2] as string)) {
        push({ t: 'b', c: parseInline(text.slice(i + 2, end), links) });
        i = end + 2;
        continue;
      }
    } else if (ch === '*') {
      const end = text.indexOf('*', i + 1);
      if (end > i + 1 && !/\s/.test(next as string)) {
        push({ t: 'i', c: parseInline(text.slice(i + 1, end), links) });
        i = end + 1;
        continue;
      }
    } else if (ch === '[' && links) {
      const close = text.indexOf('](', i + 1);
      const end = close < 0 ? -1 : text.indexOf(')', close + 2);
      if (close > i && end > close) {
        const label = parseInline(text.slice(i + 1, close), false);
        const href = text.slice(close + 2, end).trim();
        if (SAFE_HREF.test(href)) push({ t: 'a', href, c: label });
        else for (const node of label) typeof node === 'string' ? (plain += node) : push(node);
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  if (plain) out.push(plain);
  return out;
}
