import { useEffect, useState } from 'react';
import { linkAccount, listLinkedAccounts, unlinkAccount } from '../api';
import { t } from '../i18n';

/**
 * The wiki accounts the user holds. A case that names one of them (as reported person,
 * reporter, target or witness) is recused for them, from intake on; they are not told which.
 */
export function LinkedAccounts() {
  const [accounts, setAccounts] = useState<{ name: string }[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    listLinkedAccounts(controller.signal).then(setAccounts, () => setAccounts([]));
    return () => controller.abort();
  }, []);

  async function run(change: () => Promise<{ name: string }[]>): Promise<void> {
    setError('');
    try {
      setAccounts(await change());
      setName('');
    } catch {
      setError(t('account.linked.failed'));
    }
  }

  return (
    <section className="stack" aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t('account.linked.heading')}</h2>
      <p>{t('account.linked.intro')}</p>
      {accounts.length === 0 ? <p className="muted">{t('account.linked.none')}</p> : (
        <ul>
          {accounts.map((a) => (
            <li key={a.name}>{a.name}{' '}
              <button type="button" className="button-secondary" onClick={() => void run(() => unlinkAccount(a.name))}>
                {t('account.linked.remove', { name: a.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={(e) => { e.preventDefault(); if (name.trim() !== '') void run(() => linkAccount(name)); }}>
        <label htmlFor="linked-name">{t('account.linked.name')}</label>
        <input id="linked-name" type="text" autoComplete="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} />
        <div><button type="submit" className="button-secondary">{t('account.linked.add')}</button></div>
      </form>
      <p className="error" role="alert">{error}</p>
    </section>
  );
}
