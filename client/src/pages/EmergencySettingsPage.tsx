import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, getEmergencySettings, isAbort, saveEmergencySettings, type EmergencySettings, type StaffUser } from '../api';
import { PageHeading } from '../components/PageHeading';
import { formatRota, parseRota } from '../emergency-rota';
import { t } from '../i18n';

interface Draft { contactEmail: string; fallbackEmail: string; forwardAfterMinutes: string; fallbackAfterMinutes: string; anyRoleOnDuty: boolean; rota: string }

function draftOf(settings: EmergencySettings): Draft {
  return {
    contactEmail: settings.contactEmail ?? '', fallbackEmail: settings.fallbackEmail ?? '', forwardAfterMinutes: String(settings.forwardAfterMinutes),
    fallbackAfterMinutes: String(settings.fallbackAfterMinutes), anyRoleOnDuty: settings.anyRoleOnDuty, rota: formatRota(settings.rota),
  };
}

/** A desk's emergency settings, for its admins: contacts, the two waiting times, who may be on duty, the weekly rota. */
export function EmergencySettingsPage({ user }: { user: StaffUser }) {
  const desks = user.desks.filter((d) => d.role === 'admin');
  const [desk, setDesk] = useState(desks[0]?.slug ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<string>('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (desk === '') return undefined;
    const controller = new AbortController();
    setDraft(null);
    getEmergencySettings(desk, controller.signal).then((s) => setDraft(draftOf(s)), (error: unknown) => {
      if (!isAbort(error)) setMessage(t('emergencySettings.failed'));
    });
    return () => controller.abort();
  }, [desk]);

  async function save(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (draft === null) return;
    const rota = parseRota(draft.rota);
    if ('badLines' in rota) {
      setMessage(t('emergencySettings.rota.invalid', { line: rota.badLines.join(', '), text: '' }));
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      const saved = await saveEmergencySettings(desk, {
        contactEmail: draft.contactEmail.trim() === '' ? null : draft.contactEmail.trim(),
        fallbackEmail: draft.fallbackEmail.trim() === '' ? null : draft.fallbackEmail.trim(),
        forwardAfterMinutes: Number(draft.forwardAfterMinutes), fallbackAfterMinutes: Number(draft.fallbackAfterMinutes),
        anyRoleOnDuty: draft.anyRoleOnDuty, rota: rota.rota,
      });
      setDraft(draftOf(saved));
      setMessage(t('emergencySettings.saved'));
    } catch (error) {
      const fields = error instanceof ApiError ? Object.entries(error.fields).map(([path, text]) => `${path}: ${text}`).join('; ') : '';
      setMessage(`${t('emergencySettings.failed')} ${fields}`);
    } finally {
      setBusy(false);
    }
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => (d === null ? d : { ...d, ...patch }));
  return (
    <>
      <PageHeading title={t('emergencySettings.title')}>{t('emergencySettings.title')}</PageHeading>
      <p>{t('emergencySettings.intro')}</p>
      {desks.length > 1 && (
        <div className="field">
          <label htmlFor="emergency-desk">{t('emergencySettings.desk')}</label>
          <select id="emergency-desk" value={desk} onChange={(e) => setDesk(e.target.value)}>
            {desks.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
          </select>
        </div>
      )}
      {draft !== null && (
        <form onSubmit={(e) => void save(e)} noValidate>
          <div className="field">
            <label htmlFor="contact">{t('emergencySettings.contact')}</label>
            <p className="hint" id="contact-hint">{t('emergencySettings.contact.hint')}</p>
            <input id="contact" type="email" aria-describedby="contact-hint" value={draft.contactEmail} onChange={(e) => set({ contactEmail: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="fallback">{t('emergencySettings.fallback')}</label>
            <p className="hint" id="fallback-hint">{t('emergencySettings.fallback.hint')}</p>
            <input id="fallback" type="email" aria-describedby="fallback-hint" value={draft.fallbackEmail} onChange={(e) => set({ fallbackEmail: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="forward-after">{t('emergencySettings.forwardAfter')}</label>
            <input id="forward-after" type="number" min={1} max={1440} value={draft.forwardAfterMinutes} onChange={(e) => set({ forwardAfterMinutes: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="fallback-after">{t('emergencySettings.fallbackAfter')}</label>
            <input id="fallback-after" type="number" min={1} max={1440} value={draft.fallbackAfterMinutes} onChange={(e) => set({ fallbackAfterMinutes: e.target.value })} />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={draft.anyRoleOnDuty} onChange={(e) => set({ anyRoleOnDuty: e.target.checked })} /> {t('emergencySettings.anyRole')}
            </label>
          </div>
          <div className="field">
            <label htmlFor="rota">{t('emergencySettings.rota')}</label>
            <p className="hint" id="rota-hint">{t('emergencySettings.rota.hint')}</p>
            <textarea id="rota" rows={6} aria-describedby="rota-hint" value={draft.rota} onChange={(e) => set({ rota: e.target.value })} />
          </div>
          <button type="submit" disabled={busy}>{t('emergencySettings.save')}</button>
        </form>
      )}
      <p role="status">{message}</p>
    </>
  );
}
