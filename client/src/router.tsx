import { useMemo, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/** Where the console lives; the server falls back to index.html for every path under it. */
export const BASE = '/desk';

/** The screens of the console. */
export type Route =
  | { name: 'queue' }
  | { name: 'case'; reference: string }
  | { name: 'reports' }
  | { name: 'training' }
  | { name: 'emergency' }
  | { name: 'templates' }
  | { name: 'signIn' }
  | { name: 'account' }
  | { name: 'staff' }
  | { name: 'audit' }
  | { name: 'invitation' }
  | { name: 'notFound' };

/** Reads a pathname (as in `location.pathname`) into a route. */
export function parseRoute(pathname: string): Route {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { name: 'notFound' };
  const rest = pathname.slice(BASE.length).replace(/\/+$/, '');
  if (rest === '') return { name: 'queue' };
  if (rest === '/sign-in') return { name: 'signIn' };
  if (rest === '/reports') return { name: 'reports' };
  if (rest === '/training') return { name: 'training' };
  if (rest === '/emergency') return { name: 'emergency' };
  if (rest === '/account') return { name: 'account' };
  if (rest === '/staff') return { name: 'staff' };
  if (rest === '/audit') return { name: 'audit' };
  if (rest === '/invitation') return { name: 'invitation' };
  if (rest === '/templates') return { name: 'templates' };
  const match = /^\/cases\/([^/]+)$/.exec(rest);
  if (match?.[1] !== undefined) {
    try {
      return { name: 'case', reference: decodeURIComponent(match[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

/** Builders for the console's addresses. */
export const paths = {
  queue: (query?: URLSearchParams): string => {
    const search = query?.toString() ?? '';
    return search ? `${BASE}/?${search}` : `${BASE}/`;
  },
  case: (reference: string): string => `${BASE}/cases/${encodeURIComponent(reference)}`,
  reports: (query?: URLSearchParams): string => {
    const search = query?.toString() ?? '';
    return search ? `${BASE}/reports?${search}` : `${BASE}/reports`;
  },
  training: (): string => `${BASE}/training`,
  emergency: (): string => `${BASE}/emergency`,
  account: (): string => `${BASE}/account`,
  staff: (): string => `${BASE}/staff`,
  audit: (of?: { case: string } | { staff: string }): string =>
    of === undefined ? `${BASE}/audit` : `${BASE}/audit?${new URLSearchParams(of).toString()}`,
  templates: (): string => `${BASE}/templates`,
  signIn: (next?: string): string =>
    next ? `${BASE}/sign-in?${new URLSearchParams({ next }).toString()}` : `${BASE}/sign-in`,
};

/** A return address from `?next=`, accepted only when it stays inside the console. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  // Only console paths: an attacker's link must not send a fresh sign-in elsewhere.
  if (next === null || !next.startsWith(`${BASE}/`) || next.includes('..')) {
    return paths.queue();
  }
  return next;
}

const listeners = new Set<() => void>();
let navigations = 0;

function notify(): void {
  navigations += 1;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** Goes to `to` inside the console without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
    window.scrollTo(0, 0);
  }
  notify();
}

/** Whether the user has moved between screens since the page loaded. */
export function hasNavigated(): boolean {
  return navigations > 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: string; query: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(current, window.location.origin);
    return { pathname: url.pathname, search: url.search, query: url.searchParams };
  }, [current]);
}

/** The path and query of the current page, for `?next=`. */
export function currentPath(): string {
  return snapshot();
}

interface LinkProps {
  to: string;
  children: ReactNode;
  className?: string;
}

/** A real link that navigates inside the console on a plain click. */
export function Link({ to, children, className }: LinkProps) {
  function onClick(event: MouseEvent<HTMLAnchorElement>): void {
    // Let the browser handle new tabs, new windows and downloads.
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} className={className} onClick={onClick}>
      {children}
    </a>
  );
}
