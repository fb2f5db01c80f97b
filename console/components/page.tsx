import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigations } from '../router.ts';

export const APP_NAME = 'Kizuna';

/**
 * A page: its heading, and the document title to match. After an in-app navigation the heading
 * takes focus, so keyboard and screen-reader users start reading at the new page (the first
 * load leaves focus where the browser puts it).
 */
export function Page({ title, actions, children }: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${APP_NAME}`;
  }, [title]);
  useEffect(() => {
    if (navigations.peek() > 0) heading.current?.focus();
  }, []);
  return (
    <>
      <div class="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
