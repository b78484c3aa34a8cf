/** Small HTTP helpers for the scale-out test: JSON requests with a cookie and a CSRF token. */
export interface Session { cookie: string; csrfToken: string }

export interface JsonResponse<T> { status: number; body: T; setCookie: string[] }

export async function request<T = unknown>(
  baseUrl: string, method: string, urlPath: string, options: { body?: unknown; session?: Session | { cookie: string } } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session !== undefined) headers.cookie = options.session.cookie;
  if (options.session !== undefined && 'csrfToken' in options.session) headers['x-csrf-token'] = options.session.csrfToken;
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method, headers, signal: AbortSignal.timeout(15_000),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, setCookie: response.headers.getSetCookie() };
}

/** `name=value` of the named cookie from Set-Cookie headers. */
export function cookieFrom(setCookie: string[], name: string): string {
  const found = setCookie.map((c) => c.split(';', 1)[0] ?? '').find((c) => c.startsWith(`${name}=`));
  if (found === undefined) throw new Error(`no ${name} cookie was set`);
  return found;
}

/** Signs a staff member in through one instance. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const response = await request<{ csrfToken: string }>(baseUrl, 'POST', '/api/v1/session', { body: { username, password } });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  return { cookie: cookieFrom(response.setCookie, 'haven_staff'), csrfToken: response.body.csrfToken };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
}
