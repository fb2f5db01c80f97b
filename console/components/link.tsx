import type { ComponentChildren } from 'preact';
import { BASE, followLink } from '../router.ts';

interface LinkProps {
  to: string;
  class?: string;
  'aria-current'?: 'page' | undefined;
  children: ComponentChildren;
}

/** A real link to a console route (`to` relative to /admin), followed without a page load. */
export function Link({ to, children, ...props }: LinkProps) {
  return (
    <a {...props} href={BASE + (to === '/' ? '' : to)} onClick={(event) => followLink(event, to)}>
      {children}
    </a>
  );
}
