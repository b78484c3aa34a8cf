import type { CaseFilters } from './api';
import { isCategory, isStatus } from './domain';

/**
 * The queue's filters from the address bar; unknown values are ignored. A desk is kept only
 * when it is one of `desks` (the user's own), so an old link to another desk shows them all.
 */
export function filtersFromQuery(query: URLSearchParams, desks: readonly string[] = []): CaseFilters {
  const desk = query.get('desk') ?? '';
  const status = query.get('status') ?? '';
  const category = query.get('category') ?? '';
  return {
    desk: desks.includes(desk) ? desk : undefined,
    status: isStatus(status) ? status : undefined,
    category: isCategory(category) ? category : undefined,
    promise: query.get('promise') === 'broken' ? 'broken' : undefined,
    linked: query.get('linked') === 'true' ? 'true' : undefined,
  };
}

/** The address-bar query for a set of filters. */
export function queryFromFilters(filters: CaseFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.desk) query.set('desk', filters.desk);
  if (filters.status) query.set('status', filters.status);
  if (filters.category) query.set('category', filters.category);
  if (filters.promise) query.set('promise', filters.promise);
  if (filters.linked) query.set('linked', filters.linked);
  return query;
}
