import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../router';
import { t } from '../i18n';

interface PageHeadingProps {
  /** The page's name in the browser tab and history. */
  title: string;
  children: ReactNode;
}

/** The screen's one h1; it names the tab and takes focus after a route change. */
export function PageHeading({ title, children }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [title]);

  useEffect(() => {
    // On a fresh page load the browser starts at the top already; after a client-side
    // route change, screen readers would otherwise stay on the link that was followed.
    if (hasNavigated()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
