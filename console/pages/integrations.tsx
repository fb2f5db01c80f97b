import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Project } from '../../shared/schemas/project.ts';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/schemas/webhook.ts';
import { admin } from '../api.ts';
import { Await } from '../components/await.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { DeliveryLog } from '../components/delivery-log.tsx';
import { Dialog } from '../components/dialog.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { Section } from '../components/section.tsx';
import { WebhookForm } from '../components/webhook-form.tsx';
import { WithProject } from '../components/with-project.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';

type Endpoints = { items: WebhookEndpoint[] };

/** What an endpoint is called on the page: what it is for, else where it points. */
const nameOf = (endpoint: WebhookEndpoint) => endpoint.description || endpoint.url;
const pathOf = (endpoint: WebhookEndpoint) => `/webhooks/${encodeURIComponent(endpoint.id)}`;

/**
 * The chosen project's webhook and Slack endpoints: add, edit, reveal and rotate the secret, send
 * a test, read the delivery log and retry. Owners and admins only (the `integrations` permission).
 */
export function IntegrationsPage() {
  const m = t.value.integrations;
  return (
    <Page title={m.title}>
      {allowed('integrations') ? (
        <WithProject>{(project) => <Integrations key={project.id} project={project} />}</WithProject>
      ) : (
        <p class="alert">{t.value.errors.forbidden}</p>
      )}
    </Page>
  );
}

function Integrations({ project }: { project: Project }) {
  const m = t.value.integrations;
  const endpoints = useLoad(() => admin.get<Endpoints>(`/projects/${encodeURIComponent(project.id)}/webhooks`), [project.id]);
  const [removedNotice, setRemovedNotice] = useState<string | null>(null);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);

  const replace = (changed: WebhookEndpoint) => endpoints.set({ items: (endpoints.data?.items ?? []).map((e) => (e.id === changed.id ? changed : e)) });
  const removed = (gone: WebhookEndpoint) => {
    endpoints.set({ items: (endpoints.data?.items ?? []).filter((e) => e.id !== gone.id) });
    setRemovedNotice(m.removed(nameOf(gone)));
  };
  const added = (saved: WebhookEndpoint | WebhookEndpointWithSecret) => {
    const endpoint = saved as WebhookEndpointWithSecret;
    endpoints.set({ items: [...(endpoints.data?.items ?? []), endpoint] });
    setCreated(endpoint);
  };

  return (
    <>
      <p>{m.intro}</p>
      <SaveStatus error={null} saved={removedNotice} />
      <Await state={endpoints}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="muted">{m.empty}</p>
          ) : (
            items.map((endpoint) => <EndpointCard key={endpoint.id} endpoint={endpoint} projectId={project.id} onChanged={replace} onRemoved={removed} onStale={endpoints.reload} />)
          )
        }
      </Await>
      <Section title={m.addTitle}>
        <WebhookForm projectId={project.id} onSaved={added} />
        <p role="status" class="ok-text">
          {created ? m.added(nameOf(created)) : ''}
        </p>
        {created && <SecretBox name={nameOf(created)} secret={created.secret} />}
      </Section>
    </>
  );
}

/** A signing secret with its copy button, and why to store it now. */
function SecretBox({ name, secret }: { name: string; secret: string }) {
  const m = t.value.integrations;
  return (
    <div class="notice secret">
      <p>
        <strong>{m.secretOf(name)}</strong>
      </p>
      <p>
        <code>{secret}</code>
      </p>
      <CopyButton text={secret} label={m.copySecret} />
      <p class="hint">{m.secretNote}</p>
    </div>
  );
}

interface EndpointCardProps {
  endpoint: WebhookEndpoint;
  projectId: string;
  onChanged(endpoint: WebhookEndpoint): void;
  onRemoved(endpoint: WebhookEndpoint): void;
  /** Its log shows a newer attempt than the endpoint's last delivery: read the endpoints again (last delivery, health). */
  onStale(): void;
}

type OpenDialog = 'edit' | 'rotate' | 'remove' | null;

/** One endpoint: what it receives and how it is doing, its actions, its secret and its delivery log. */
function EndpointCard({ endpoint, projectId, onChanged, onRemoved, onStale }: EndpointCardProps) {
  const m = t.value.integrations;
  const name = nameOf(endpoint);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const [logRound, setLogRound] = useState(0);
  const action = useSave();
  // What the last action here (or in a dialog: edit, rotate) did.
  const [notice, setNotice] = useState<string | null>(null);
  const run = async <T,>(request: () => Promise<T>, confirmation?: string) => {
    setNotice(null);
    const result = await action.run(request);
    if (result !== undefined && confirmation) setNotice(confirmation);
    return result;
  };
  const headingId = `endpoint-${endpoint.id}`;
  const reason = endpoint.deactivatedReason;

  const reveal = async () => {
    const answer = await run(() => admin.get<{ secret: string }>(`${pathOf(endpoint)}/secret`));
    if (answer) setSecret(answer.secret);
  };
  const sendTest = async () => {
    const sent = await run(() => admin.post<{ eventId: string }>(`${pathOf(endpoint)}/test`), m.testSent(name));
    if (!sent) return;
    setLogOpen(true);
    setLogRound((n) => n + 1);
  };
  const turnOn = async () => {
    const updated = await run(() => admin.patch<WebhookEndpoint>(pathOf(endpoint), { active: true }), m.turnedOn(name));
    if (updated) onChanged(updated);
  };

  return (
    <section class={`card endpoint${reason ? ' deactivated' : ''}`} aria-labelledby={headingId}>
      <div class="row">
        <h2 id={headingId}>{name}</h2>
        <span class={endpoint.active ? 'badge ok' : 'badge danger'}>{endpoint.active ? m.on : reason ? m.offByKizuna : m.off}</span>
      </div>
      {reason && (
        <div class="alert row">
          <p>{m.deactivated[reason]}</p>
          <button type="button" onClick={() => void turnOn()} disabled={action.saving} aria-label={m.turnOnOf(name)}>
            {m.turnOn}
          </button>
        </div>
      )}
      <dl class="facts">
        {endpoint.description && (
          <>
            <dt>{m.url}</dt>
            <dd class="url">{endpoint.url}</dd>
          </>
        )}
        <dt>{m.events}</dt>
        <dd>
          {endpoint.events.map((type, i) => (
            <Fragment key={type}>
              {i > 0 && ', '}
              <code>{type}</code>
            </Fragment>
          ))}
        </dd>
        <dt>{m.format}</dt>
        <dd>{m.formats[endpoint.format]}</dd>
        <dt>{m.lastDelivery}</dt>
        <dd>
          {endpoint.lastDelivery
            ? `${formatDateTime(endpoint.lastDelivery.at)} · ${endpoint.lastDelivery.status !== null ? m.httpStatus(endpoint.lastDelivery.status) : (endpoint.lastDelivery.error ?? '')}`
            : m.noDelivery}
        </dd>
      </dl>
      <div class="action-row">
        <button type="button" onClick={() => setDialog('edit')} aria-label={m.editOf(name)}>
          {m.edit}
        </button>
        <button type="button" onClick={() => void sendTest()} disabled={action.saving} aria-label={m.sendTestTo(name)}>
          {m.sendTest}
        </button>
        {secret === null ? (
          <button type="button" onClick={() => void reveal()} disabled={action.saving} aria-label={m.revealOf(name)}>
            {m.reveal}
          </button>
        ) : (
          <button type="button" onClick={() => setSecret(null)}>
            {m.hide}
          </button>
        )}
        <button type="button" onClick={() => setDialog('rotate')} aria-label={m.rotateOf(name)}>
          {m.rotate}
        </button>
        <button type="button" aria-expanded={logOpen} onClick={() => setLogOpen(!logOpen)} aria-label={m.logOf(name)}>
          {m.log}
        </button>
        <button type="button" class="danger" onClick={() => setDialog('remove')} aria-label={m.removeOf(name)}>
          {m.remove}
        </button>
      </div>
      <SaveStatus error={action.error} saved={notice} />
      {secret !== null && <SecretBox name={name} secret={secret} />}
      {logOpen && <DeliveryLog endpoint={endpoint} name={name} round={logRound} onNewAttempt={onStale} />}
      {dialog === 'edit' && (
        <Dialog title={m.editTitle(name)} onClose={() => setDialog(null)}>
          <WebhookForm
            endpoint={endpoint}
            projectId={projectId}
            onCancel={() => setDialog(null)}
            onSaved={(updated) => {
              setDialog(null);
              setNotice(m.updated(nameOf(updated)));
              onChanged(updated);
            }}
          />
        </Dialog>
      )}
      {dialog === 'rotate' && (
        <RotateDialog
          endpoint={endpoint}
          name={name}
          onClose={() => setDialog(null)}
          onRotated={(rotated) => {
            setDialog(null);
            setNotice(m.rotated(name));
            setSecret(rotated.secret);
            onChanged(rotated);
          }}
        />
      )}
      {dialog === 'remove' && <RemoveDialog endpoint={endpoint} name={name} onClose={() => setDialog(null)} onRemoved={() => onRemoved(endpoint)} />}
    </section>
  );
}

interface ConfirmProps {
  endpoint: WebhookEndpoint;
  name: string;
  onClose(): void;
}

/** Says that the old secret keeps signing for 24 hours before replacing it. */
function RotateDialog({ endpoint, name, onClose, onRotated }: ConfirmProps & { onRotated(rotated: WebhookEndpointWithSecret): void }) {
  const m = t.value.integrations;
  const rotate = useSave();
  const confirm = async () => {
    const rotated = await rotate.run(() => admin.post<WebhookEndpointWithSecret>(`${pathOf(endpoint)}/rotate-secret`));
    if (rotated) onRotated(rotated);
  };
  return (
    <Dialog title={m.rotateTitle(name)} onClose={onClose}>
      <p>{m.rotateText}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void confirm()} disabled={rotate.saving}>
          {m.rotateNow}
        </button>
        <button type="button" onClick={onClose}>
          {m.cancel}
        </button>
      </div>
      <ErrorAlert error={rotate.error} />
    </Dialog>
  );
}

function RemoveDialog({ endpoint, name, onClose, onRemoved }: ConfirmProps & { onRemoved(): void }) {
  const m = t.value.integrations;
  const remove = useSave();
  const confirm = async () => {
    const done = await remove.run(() => admin.delete(pathOf(endpoint)).then(() => true));
    if (done) onRemoved();
  };
  return (
    <Dialog title={m.removeTitle(name)} onClose={onClose}>
      <p>{m.removeText}</p>
      <div class="row">
        <button type="button" class="danger" onClick={() => void confirm()} disabled={remove.saving}>
          {m.removeNow}
        </button>
        <button type="button" onClick={onClose}>
          {m.cancel}
        </button>
      </div>
      <ErrorAlert error={remove.error} />
    </Dialog>
  );
}
