import { describe, expect, it } from 'vitest';
import { matchesUrlPattern } from '../../shared/url-pattern.ts';

const at = (href: string) => {
  const url = new URL(href, 'https://app.example.com');
  return { pathname: url.pathname, search: url.search };
};

describe('matchesUrlPattern', () => {
  it.each([
    ['/invoices*', '/invoices', true],
    ['/invoices*', '/invoices/42/edit', true],
    ['/invoices*', '/invoices?page=2', true],
    ['/invoices*', '/settings/invoices', false],
    ['/invoices', '/invoices/42', false],
    ['/invoices/*/edit', '/invoices/42/edit', true],
    ['/invoices/*/edit', '/invoices/42/view', false],
    ['*', '/anything/at/all', true],
    ['/Invoices*', '/invoices', false],
    ['/invoices?status=open*', '/invoices?status=open&page=2', true],
    ['/invoices?status=open*', '/invoices?status=paid', false],
    ['/a.b(c)+[d]', '/a.b(c)+[d]', true],
    ['/a.b', '/axb', false],
  ])('%s on %s → %s', (pattern, href, expected) => {
    expect(matchesUrlPattern(pattern, at(href))).toBe(expected);
  });
});
