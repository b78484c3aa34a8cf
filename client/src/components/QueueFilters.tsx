import type { CaseFilters, StaffDesk } from '../api';
import { CATEGORIES, STATUSES, isCategory, isStatus } from '../domain';
import { t } from '../i18n';

interface QueueFiltersProps {
  filters: CaseFilters;
  /** The user's desks when they work on several (a desk filter is offered); empty otherwise. */
  desks: readonly StaffDesk[];
  onChange: (filters: CaseFilters) => void;
}

/** Desk (for someone on several), status, category, broken-promise and linked-case filters; each change applies at once, without moving focus. */
export function QueueFilters({ filters, desks, onChange }: QueueFiltersProps) {
  return (
    <form className="filters" aria-label={t('queue.filters')} onSubmit={(event) => event.preventDefault()}>
      {desks.length > 0 && (
        <div className="field">
          <label htmlFor="filter-desk">{t('queue.filter.desk')}</label>
          <select
            id="filter-desk"
            value={filters.desk ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ ...filters, desk: desks.some((d) => d.slug === value) ? value : undefined });
            }}
          >
            <option value="">{t('queue.filter.anyDesk')}</option>
            {desks.map((desk) => (
              <option key={desk.slug} value={desk.slug}>
                {desk.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="filter-status">{t('queue.filter.status')}</label>
        <select
          id="filter-status"
          value={filters.status ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filters, status: isStatus(value) ? value : undefined, promise: undefined });
          }}
        >
          <option value="">{t('queue.filter.anyStatus')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-category">{t('queue.filter.category')}</label>
        <select
          id="filter-category"
          value={filters.category ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filters, category: isCategory(value) ? value : undefined, promise: undefined });
          }}
        >
          <option value="">{t('queue.filter.anyCategory')}</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`category.${category}`)}
            </option>
          ))}
        </select>
      </div>
      {/* Broken promises are a view of their own: open cases only, the longest overdue first. */}
      <div className="field field-checkbox">
        <input
          id="filter-promise"
          type="checkbox"
          checked={filters.promise === 'broken'}
          onChange={(event) => onChange(event.target.checked ? { desk: filters.desk, promise: 'broken' } : { ...filters, promise: undefined })}
        />
        <label htmlFor="filter-promise">{t('queue.filter.brokenPromises')}</label>
      </div>
      {/* Cases naming an account also reported in another case this user may open: a pattern. */}
      <div className="field field-checkbox">
        <input
          id="filter-linked"
          type="checkbox"
          checked={filters.linked === 'true'}
          onChange={(event) => onChange({ ...filters, linked: event.target.checked ? 'true' : undefined, promise: undefined })}
        />
        <label htmlFor="filter-linked">{t('queue.filter.linked')}</label>
      </div>
    </form>
  );
}
