import type { CaseFilters } from './api';
import { isCategory, isStatus } from './domain';

/** The queue's filters from the address bar; unknown values are ignored. */
export function filtersFromQuery(query: URLSearchParams): CaseFilters {
  const status = query.get('status') ?? '';
  const category = query.get('category') ?? '';
  return {
    status: isStatus(status) ? status : undefined,
    category: isCategory(category) ? category : undefined,
  };
}

/** The address-bar query for a set of filters. */
export function queryFromFilters(filters: CaseFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.category) query.set('category', filters.category);
  return query;
}
