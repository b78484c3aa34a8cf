import { STAFF_COOKIE } from './plugins/staff-auth.js';
import { REPORTER_COOKIE } from './plugins/reporter-cookie.js';

/** The OpenAPI document's own parts; the paths come from each route's schemas (src/shared/api). */
export const OPENAPI_DOCUMENT = {
  info: { title: 'Haven API', version: '1', description: 'Intake, reporter access and the case desk of Haven.' },
  components: {
    securitySchemes: {
      staffCookie: { type: 'apiKey' as const, in: 'cookie', name: STAFF_COOKIE },
      reporterCookie: { type: 'apiKey' as const, in: 'cookie', name: REPORTER_COOKIE },
    },
  },
};

/** Marks a route in the document as needing a staff session (and, for changes, the X-CSRF-Token header). */
export const STAFF_ONLY: Record<string, string[]>[] = [{ staffCookie: [] }];

/** Marks a route as needing the reporter's session, opened with their access code. */
export const REPORTER_ONLY: Record<string, string[]>[] = [{ reporterCookie: [] }];
