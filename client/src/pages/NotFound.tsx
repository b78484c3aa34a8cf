import { PageHeading } from '../components/PageHeading';
import { t } from '../i18n';
import { Link, paths } from '../router';

/** Shown for an address inside the console that names no screen. */
export function NotFound() {
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.queue()}>{t('notFound.link')}</Link>
      </p>
    </>
  );
}
