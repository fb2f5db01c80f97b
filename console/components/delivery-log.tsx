import { useEffect, useId, useState } from 'preact/hooks';
import type { WebhookDelivery, WebhookDeliveryPage, WebhookEndpoint } from '../../shared/schemas/webhook.ts';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../../shared/webhook-events.ts';
import { admin } from '../api.ts';
import { formatDateTimeSeconds } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { usePagedLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';
import { Await } from './await.tsx';
import { SelectField } from './field.tsx';
import { MoreButton } from './more-button.tsx';
import { SaveStatus } from './save-status.tsx';
import { TableHead } from './table-head.tsx';

/** How often an open log asks again while a delivery is about to be tried. */
const POLL_MS = 1_000;
/** A pending delivery due within this is "about to be tried": its outcome is worth waiting for on screen. */
const SOON_MS = 60_000;

const dueSoon = (items: WebhookDelivery[] | undefined) =>
  !!items?.some((d) => d.status === 'pending' && (d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) - Date.now() < SOON_MS));

/** When the newest attempt in `items` was made (ms); 0 without any. */
const latestAttempt = (items: WebhookDelivery[] | undefined) => Math.max(0, ...(items ?? []).flatMap((d) => d.attempts.map((a) => Date.parse(a.at))));

const STATUS_BADGE: Record<WebhookDeliveryStatus, string> = { pending: 'badge', delivered: 'badge ok', failed: 'badge danger' };

interface DeliveryLogProps {
  endpoint: WebhookEndpoint;
  /** Name of the endpoint for headings and labels. */
  name: string;
  /** Changed by the caller (after Send test) to read the log again. */
  round: number;
  /** The log shows an attempt newer than the endpoint's last delivery: its row (and health) are behind. */
  onNewAttempt(): void;
}

/**
 * One endpoint's deliveries, newest first, with each attempt and Retry on failed ones. While a
 * delivery is about to be tried it asks again every second, so a test shows up delivered.
 */
export function DeliveryLog({ endpoint, name, round, onNewAttempt }: DeliveryLogProps) {
  const m = t.value.integrations;
  const headingId = useId();
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [retried, setRetried] = useState(0);
  const log = usePagedLoad<WebhookDelivery, WebhookDeliveryPage>(
    (cursor) => admin.get(`/webhooks/${encodeURIComponent(endpoint.id)}/deliveries`, { status, cursor }),
    [endpoint.id, status, round, retried],
  );
  const retry = useSave();

  useEffect(() => {
    const items = log.data?.items;
    if (latestAttempt(items) > Date.parse(endpoint.lastDelivery?.at ?? '1970-01-01T00:00:00Z')) onNewAttempt();
    if (!dueSoon(items)) return;
    const timer = setTimeout(log.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [log.data]);

  const retryNow = async (delivery: WebhookDelivery) => {
    const done = await retry.run(() => admin.post(`/deliveries/${encodeURIComponent(delivery.id)}/retry`).then(() => true), m.retried(delivery.eventType));
    if (done) setRetried((n) => n + 1);
  };

  const statusOptions = [{ value: '' as const, label: m.allStatuses }, ...WEBHOOK_DELIVERY_STATUSES.map((value) => ({ value, label: m.statuses[value] }))];
  return (
    <section class="delivery-log" aria-labelledby={headingId}>
      <h3 id={headingId}>{m.logOf(name)}</h3>
      <div class="toolbar">
        <SelectField<WebhookDeliveryStatus | ''> label={m.status} value={status} options={statusOptions} onValue={setStatus} />
        <button type="button" onClick={log.reload} disabled={log.loading}>
          {m.refresh}
        </button>
      </div>
      <SaveStatus error={retry.error} saved={retry.saved} />
      <Await state={log}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="muted">{m.noDeliveries}</p>
          ) : (
            <ol class="deliveries">
              {items.map((delivery) => (
                <DeliveryItem key={delivery.id} delivery={delivery} onRetry={() => void retryNow(delivery)} retrying={retry.saving} />
              ))}
            </ol>
          )
        }
      </Await>
      <MoreButton state={log} />
    </section>
  );
}

function DeliveryItem({ delivery, onRetry, retrying }: { delivery: WebhookDelivery; onRetry(): void; retrying: boolean }) {
  const m = t.value.integrations;
  return (
    <li class="delivery">
      <div class="row">
        <span class={STATUS_BADGE[delivery.status]}>{m.statuses[delivery.status]}</span>
        <code>{delivery.eventType}</code>
        <code class="muted url">{delivery.eventId}</code>
        <time dateTime={delivery.createdAt} class="muted">
          {formatDateTimeSeconds(delivery.createdAt)}
        </time>
        {delivery.status === 'failed' && (
          <span class="row-actions">
            <button type="button" onClick={onRetry} disabled={retrying} aria-label={m.retryOf(`${delivery.eventType} ${delivery.eventId}`)}>
              {m.retry}
            </button>
          </span>
        )}
      </div>
      {delivery.nextAttemptAt && <p class="muted">{m.nextAttempt(formatDateTimeSeconds(delivery.nextAttemptAt))}</p>}
      {delivery.attempts.length === 0 ? (
        <p class="muted">{m.noAttempt}</p>
      ) : (
        <table class="list attempts">
          <caption class="visually-hidden">{m.attempts}</caption>
          <TableHead columns={m.attemptColumns} />
          <tbody>
            {delivery.attempts.map((attempt) => (
              <tr key={attempt.at}>
                <td>{formatDateTimeSeconds(attempt.at)}</td>
                <td>{attempt.status !== null ? m.httpStatus(attempt.status) : attempt.error}</td>
                <td>{m.durationMs(attempt.durationMs)}</td>
                <td>{attempt.response ? <code class="excerpt url">{attempt.response}</code> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
