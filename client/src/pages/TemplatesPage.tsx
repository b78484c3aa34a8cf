import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, createTemplate, isAbort, listTemplates, retireTemplate, updateTemplate, type StaffUser, type Template } from '../api';
import { PageHeading } from '../components/PageHeading';
import { TEMPLATE_PURPOSES, type TemplatePurpose } from '../domain';
import { t } from '../i18n';

interface Draft { desk: string; name: string; language: string; purpose: TemplatePurpose; body: string }

const blank = (desk: string): Draft => ({ desk, name: '', language: 'en', purpose: 'acknowledgement', body: '' });

/** A desk's reply templates, for its admins: add, edit and retire. */
export function TemplatesPage({ user }: { user: StaffUser }) {
  const adminDesks = user.desks.filter((d) => d.role === 'admin');
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(blank(adminDesks[0]?.slug ?? ''));
  const [result, setResult] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listTemplates({ withRetired: true }, controller.signal).then(setTemplates, (error: unknown) => {
      if (!isAbort(error)) setResult(t('templates.loadFailed'));
    });
    return () => controller.abort();
  }, [attempt]);

  async function save(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    try {
      if (editing === null) await createTemplate(draft);
      else await updateTemplate(editing, { name: draft.name, language: draft.language, purpose: draft.purpose, body: draft.body });
      setResult(t(editing === null ? 'templates.created' : 'templates.saved'));
      setEditing(null);
      setDraft(blank(draft.desk));
      setAttempt((n) => n + 1);
    } catch (error) {
      setResult(error instanceof ApiError && error.status === 400 ? t('templates.invalid') : t('templates.failed'));
    }
  }

  async function retire(template: Template): Promise<void> {
    try {
      await retireTemplate(template.id);
      setResult(t('templates.retired', { name: template.name }));
      setAttempt((n) => n + 1);
    } catch {
      setResult(t('templates.failed'));
    }
  }

  const mine = (templates ?? []).filter((x) => adminDesks.some((d) => d.slug === x.desk.slug));
  return (
    <>
      <PageHeading title={t('templates.title')}>{t('templates.title')}</PageHeading>
      <p>{t('templates.intro')}</p>
      <p role="status" className="announcement">{result}</p>
      {templates === null ? <p>{t('templates.loading')}</p> : (
        <ul className="template-list stack">
          {mine.map((x) => (
            <li key={x.id} className="template-item">
              <h2>{x.name}</h2>
              <p className="muted">
                {t(`templates.purpose.${x.purpose}`)} · {x.language}
                {adminDesks.length > 1 ? ` · ${x.desk.name}` : ''}
                {x.retiredAt !== null ? ` · ${t('templates.isRetired')}` : ''}
              </p>
              <div className="message-body">{x.body}</div>
              {x.retiredAt === null && (
                <div className="inline-controls">
                  <button type="button" className="button-secondary" onClick={() => {
                    setEditing(x.id);
                    setDraft({ desk: x.desk.slug, name: x.name, language: x.language, purpose: x.purpose, body: x.body });
                  }}>{t('templates.edit', { name: x.name })}</button>
                  <button type="button" className="button-secondary" onClick={() => void retire(x)}>{t('templates.retire', { name: x.name })}</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="stack template-form" aria-labelledby="template-form-heading" onSubmit={(event) => void save(event)} noValidate>
        <h2 id="template-form-heading">{t(editing === null ? 'templates.new' : 'templates.editing')}</h2>
        {editing === null && adminDesks.length > 1 && (
          <div className="field">
            <label htmlFor="template-desk">{t('templates.desk')}</label>
            <select id="template-desk" value={draft.desk} onChange={(event) => setDraft({ ...draft, desk: event.target.value })}>
              {adminDesks.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="template-name">{t('templates.name')}</label>
          <input id="template-name" type="text" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="template-purpose">{t('templates.purpose')}</label>
          <select id="template-purpose" value={draft.purpose}
            onChange={(event) => setDraft({ ...draft, purpose: TEMPLATE_PURPOSES.find((p) => p === event.target.value) ?? 'other' })}>
            {TEMPLATE_PURPOSES.map((p) => <option key={p} value={p}>{t(`templates.purpose.${p}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="template-language">{t('templates.language')}</label>
          <input id="template-language" type="text" value={draft.language} onChange={(event) => setDraft({ ...draft, language: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="template-body">{t('templates.body')}</label>
          <p className="hint" id="template-body-hint">{t('templates.bodyHint')}</p>
          <textarea id="template-body" rows={10} aria-describedby="template-body-hint" value={draft.body} onChange={(event) => setDraft({ ...draft, body: event.target.value })} />
        </div>
        <button type="submit" className="button-primary">{t(editing === null ? 'templates.add' : 'templates.save')}</button>
      </form>
    </>
  );
}
