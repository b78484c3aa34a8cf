// A venue's name in words: the desk's own name for it when it has one, else the catalog's name
// of a default venue, else its id (a venue a desk added later than this build knows).
import { DEFAULT_VENUE_IDS } from './domain';
import { t } from './i18n';

/** The name to show for venue `id`; `ownName` is the desk's name for it, if any. */
export function venueName(id: string, ownName: string | null = null): string {
  if (ownName !== null) return ownName;
  const known = DEFAULT_VENUE_IDS.find((v) => v === id);
  return known === undefined ? id : t(`venue.${known}`);
}
