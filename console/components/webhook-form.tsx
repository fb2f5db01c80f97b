import { useId, useState } from 'preact/hooks';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/schemas/webhook.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS, type WebhookEventType, type WebhookFormat } from '../../shared/webhook-events.ts';
import { admin } from '../api.ts';
import { t } from '../i18n/index.ts';
import { useSave } from '../use-save.ts';
import { ErrorAlert } from './error-alert.tsx';
import { CheckboxField, FieldError, SelectField, TextField } from './field.tsx';

interface WebhookFormProps {
  /** The endpoint to change; without it the form adds one to `projectId`. */
  endpoint?: WebhookEndpoint;
  projectId: string;
  /** With the created endpoint (and its secret, shown this once) or the updated one. */
  onSaved(saved: WebhookEndpointWithSecret | WebhookEndpoint): void;
  onCancel?: () => void;
}

/** What a new endpoint starts with: the detractor cases, what most teams want pushed first. */
const NEW_EVENTS: WebhookEventType[] = ['followup.created'];

/** Adds or edits a webhook endpoint; the server validates, and its messages show at the fields. */
export function WebhookForm({ endpoint, projectId, onSaved, onCancel }: WebhookFormProps) {
  const m = t.value.integrations;
  const id = useId();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? NEW_EVENTS);
  const [format, setFormat] = useState<WebhookFormat>(endpoint?.format ?? 'standard');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [active, setActive] = useState(endpoint?.active ?? true);
  const save = useSave();
  const errors = save.fieldErrors;
  // An unknown or repeated type is reported at `events.<index>`: shown at the list all the same.
  const eventsError = errors.events ?? Object.entries(errors).find(([path]) => path.startsWith('events.'))?.[1];

  // Kept in the catalogue's order, whatever order they were ticked in.
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((list) => WEBHOOK_EVENT_TYPES.filter((known) => (known === type ? on : list.includes(known))));

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = { url: url.trim(), events, format, description: description.trim() || null, active };
    const saved = await save.run(() =>
      endpoint
        ? admin.patch<WebhookEndpoint>(`/webhooks/${encodeURIComponent(endpoint.id)}`, body)
        : admin.post<WebhookEndpointWithSecret>(`/projects/${encodeURIComponent(projectId)}/webhooks`, body),
    );
    if (!saved) return;
    if (!endpoint) {
      setUrl('');
      setEvents(NEW_EVENTS);
      setFormat('standard');
      setDescription('');
      setActive(true);
    }
    onSaved(saved);
  };

  return (
    <form class="webhook-form" onSubmit={submit} noValidate>
      <TextField label={m.url} type="url" autoComplete="off" hint={m.urlHint} value={url} onValue={setUrl} error={errors.url} />
      <fieldset aria-describedby={eventsError ? `${id}-events-error` : undefined}>
        <legend>{m.events}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <div key={type} class="event-choice">
            <label class="checkbox">
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} aria-describedby={`${id}-${type}`} />
              <code>{type}</code>
            </label>
            <p id={`${id}-${type}`} class="hint">
              {m.eventHelp[type]}
            </p>
          </div>
        ))}
        {eventsError && <FieldError id={`${id}-events-error`} message={eventsError} />}
      </fieldset>
      <SelectField<WebhookFormat> label={m.format} value={format} options={WEBHOOK_FORMATS.map((value) => ({ value, label: m.formats[value] }))} onValue={setFormat} error={errors.format} />
      <TextField label={m.description} hint={m.descriptionHint} value={description} onValue={setDescription} error={errors.description} />
      <CheckboxField label={m.active} checked={active} onValue={setActive} />
      <div class="row">
        <button type="submit" class="primary" disabled={save.saving}>
          {save.saving ? t.value.common.saving : endpoint ? t.value.common.save : m.add}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {m.cancel}
          </button>
        )}
      </div>
      <ErrorAlert error={save.error} />
    </form>
  );
}
