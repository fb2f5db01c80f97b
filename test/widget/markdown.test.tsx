// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../widget/ui/markdown.ts';
import { Markdown } from '../../widget/ui/markdown-view.tsx';

afterEach(cleanup);

describe('parseMarkdown', () => {
  it.each([
    ['plain text', [{ t: 'p', c: ['plain text'] }]],
    ['**bold** and *italic*', [{ t: 'p', c: [{ t: 'b', c: ['bold'] }, ' and ', { t: 'i', c: ['italic'] }] }]],
    ['**bold *nested* text**', [{ t: 'p', c: [{ t: 'b', c: ['bold ', { t: 'i', c: ['nested'] }, ' text'] }] }]],
    ['line one\nline two', [{ t: 'p', c: ['line one', { t: 'br' }, 'line two'] }]],
    ['para one\n\n\npara two', [{ t: 'p', c: ['para one'] }, { t: 'p', c: ['para two'] }]],
    ['- a\n- **b**', [{ t: 'ul', items: [['a'], [{ t: 'b', c: ['b'] }]] }]],
    ['* a\n* b', [{ t: 'ul', items: [['a'], ['b']] }]],
    ['1. first\n2. second', [{ t: 'ol', items: [['first'], ['second']] }]],
    ['Intro:\n- a\n- b\nAfter', [{ t: 'p', c: ['Intro:'] }, { t: 'ul', items: [['a'], ['b']] }, { t: 'p', c: ['After'] }]],
    ['- a\n1. b', [{ t: 'ul', items: [['a']] }, { t: 'ol', items: [['b']] }]],
    ['[Docs](https://docs.example/a?b=1)', [{ t: 'p', c: [{ t: 'a', href: 'https://docs.example/a?b=1', c: ['Docs'] }] }]],
    ['[Mail us](mailto:help@example.com)', [{ t: 'p', c: [{ t: 'a', href: 'mailto:help@example.com', c: ['Mail us'] }] }]],
    ['[**Bold link**](http://x.example)', [{ t: 'p', c: [{ t: 'a', href: 'http://x.example', c: [{ t: 'b', c: ['Bold link'] }] }] }]],
    ['2 * 3 * 4', [{ t: 'p', c: ['2 * 3 * 4'] }]],
    ['a ** b', [{ t: 'p', c: ['a ** b'] }]],
    ['\\*not italic\\*', [{ t: 'p', c: ['*not italic*'] }]],
    ['snake_case_name', [{ t: 'p', c: ['snake_case_name'] }]],
    ['[unclosed](https://x', [{ t: 'p', c: ['[unclosed](https://x'] }]],
    ['', []],
    ['  \r\n  ', []],
  ])('%j', (source, expected) => {
    expect(parseMarkdown(source)).toEqual(expected);
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JavaScript:alert`1`)',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](vbscript:msgbox)',
    '[x]( javascript:alert(1))',
    '[x](//evil.example)',
    '[x](https://ok.example" onclick="alert(1))',
  ])('an unsafe link %j becomes its plain label, no link', (source) => {
    const nodes = parseInline(source);
    expect(nodes.every((n) => typeof n === 'string')).toBe(true);
    expect(nodes.join('')).toMatch(/^(click|x)/);
  });

  it('keeps HTML as text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([{ t: 'p', c: ['<img src=x onerror=alert(1)>'] }]);
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([{ t: 'p', c: ['<script>alert(1)</script>'] }]);
  });

  it('does not nest links in links', () => {
    expect(parseInline('[[a](https://a.example)](https://b.example)')[0]).toMatchObject({ t: 'a' });
    const all = JSON.stringify(parseInline('[[a](https://a.example)](https://b.example)'));
    expect(all.match(/"t":"a"/g)).toHaveLength(1);
  });
});

describe('<Markdown>', () => {
  it('renders elements, never markup from the text', () => {
    const { container } = render(
      <Markdown text={'Hi **there** <img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\n- [Docs](https://docs.example)\n- [bad](javascript:alert(1))'} />,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.querySelector('strong')?.textContent).toBe('there');
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
    const links = container.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://docs.example');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
