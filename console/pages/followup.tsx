import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { localize } from '../../shared/localize.ts';
import type { FollowupDetail, FollowupHistoryEntry, FollowupPatch, FollowupStatus } from '../../shared/schemas/followup.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { FACTOR_MIN } from '../../shared/score.ts';
import { admin } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { AnswerItem } from '../components/answer-item.tsx';
import { Await } from '../components/await.tsx';
import { DueDate } from '../components/due-date.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { Link } from '../components/link.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { ScoreBadge } from '../components/score-badge.tsx';
import { Section } from '../components/section.tsx';
import { formatDate, formatDateTime, formatSigned } from '../i18n/format.ts';
import { locale, t } from '../i18n/index.ts';
import { endOfLocalDay, localDayOf } from '../period.ts';
import { allowed, myAssignee } from '../state/session.ts';
import { useLoad } from '../use-load.ts';
import { usePeople, type People } from '../use-people.ts';
import { useSave } from '../use-save.ts';
import { FOLLOWUP_STATUSES, lastInboxSearch } from './inbox.tsx';

/** `/inbox/:followupId`: one unhappy answer, who it came from, what was done about it, and what to do next. */
export function FollowupPage({ params }: PageProps) {
  const path = `/followups/${encodeURIComponent(params.followupId ?? '')}`;
  const followup = useLoad(() => admin.get<FollowupDetail>(path), [path]);
  const people = usePeople();
  const back = `/inbox${lastInboxSearch.value ? `?${lastInboxSearch.value}` : ''}`;
  return (
    <>
      <p>
        <Link to={back}>
          <span aria-hidden="true">← </span>
          {t.value.followup.back}
        </Link>
      </p>
      <Await state={followup}>
        {(data) => (
          <Page title={t.value.followup.title(data.userId)}>
            <div class="detail-layout">
              <div>
                <Answer followup={data} people={people} />
                <EarlierResponses followup={data} />
              </div>
              <div>
                {allowed('followups') && <Actions followup={data} people={people} patch={async (body) => followup.set(await admin.patch<FollowupDetail>(path, body))} />}
                <Timeline history={data.history} people={people} />
              </div>
            </div>
          </Page>
        )}
      </Await>
    </>
  );
}

const statusName = (status: string | null | undefined) => t.value.inbox.statuses[status as FollowupStatus] ?? status ?? '';

function Answer({ followup, people }: { followup: FollowupDetail; people: People }) {
  const m = t.value.followup;
  const survey = useLoad(() => admin.get<Survey>(`/surveys/${encodeURIComponent(followup.surveyId)}`), [followup.surveyId]);
  const labels = new Map((survey.data?.touchpoints ?? []).map((tp) => [tp.key, localize(tp.label, locale.value)]));
  const factors = Object.entries(followup.response.factors);
  const attributes = Object.entries(followup.attributes);
  return (
    <Section title={m.answer}>
      <div class="answer-head">
        <ScoreBadge score={followup.response.score} />
        <dl class="facts inline">
          <dt>{m.status}</dt>
          <dd>{statusName(followup.status)}</dd>
          <dt>{t.value.inbox.assignee}</dt>
          <dd>{followup.assignee ? people.nameOf(followup.assignee) : t.value.inbox.unassigned}</dd>
          <dt>{t.value.inbox.due}</dt>
          <dd>
            <DueDate dueAt={followup.dueAt} overdue={followup.overdue} />
          </dd>
        </dl>
      </div>
      <p class="muted">
        {m.answered(formatDateTime(followup.response.createdAt))}
        {followup.response.url && (
          <>
            {' · '}
            {m.page}: <span class="url">{followup.response.url}</span>
          </>
        )}
      </p>
      <h3>{m.comment}</h3>
      {followup.response.comment ? <p class="comment-text">{followup.response.comment}</p> : <p class="muted">{t.value.inbox.noComment}</p>}
      <h3>{m.touchpoints}</h3>
      {factors.length === 0 ? (
        <p class="muted">{m.noTouchpoints}</p>
      ) : (
        <dl class="facts">
          {factors.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{labels.get(key) ?? key}</dt>
              <dd class={value < 0 ? 'down' : value > 0 ? 'up' : undefined}>
                {formatSigned(value)} {m.influence[value - FACTOR_MIN]}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <h3>{m.attributes}</h3>
      {attributes.length === 0 ? (
        <p class="muted">{m.noAttributes}</p>
      ) : (
        <dl class="facts">
          <dt>{t.value.inbox.user}</dt>
          <dd>{followup.userId}</dd>
          {attributes.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{key}</dt>
              <dd>{String(value)}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </Section>
  );
}

function EarlierResponses({ followup }: { followup: FollowupDetail }) {
  const m = t.value.followup;
  return (
    <Section title={m.earlier}>
      {followup.earlierResponses.length === 0 ? (
        <p class="muted">{m.noEarlier}</p>
      ) : (
        <ul class="comments">
          {followup.earlierResponses.map((response) => (
            <AnswerItem key={response.id} score={response.score} createdAt={response.createdAt} comment={response.comment} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function historyText(entry: FollowupHistoryEntry, { nameOf }: People): string {
  const h = t.value.followup.history;
  switch (entry.action) {
    case 'created':
      return h.created;
    case 'status':
      return h.status(statusName(entry.from), statusName(entry.to));
    case 'assignee':
      return entry.to ? h.assignee(nameOf(entry.to)) : h.unassigned;
    case 'due':
      return entry.to ? h.due(formatDate(entry.to)) : h.dueCleared;
    case 'note':
      return h.note;
  }
}

function Timeline({ history, people }: { history: FollowupHistoryEntry[]; people: People }) {
  return (
    <Section title={t.value.followup.timeline}>
      <ol class="timeline">
        {history.map((entry, i) => (
          <li key={i}>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            <p>
              <strong>{people.nameOf(entry.actor)}</strong> {historyText(entry, people)}
            </p>
            {entry.note && <blockquote class="note">{entry.note}</blockquote>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** Assign, set the status or due date, add a note. A failed save shows why and keeps what was typed. */
function Actions({ followup, people, patch }: { followup: FollowupDetail; people: People; patch(body: FollowupPatch): Promise<void> }) {
  const m = t.value.followup;
  const save = useSave();
  const [assignee, setAssignee] = useState('');
  const [noAssignee, setNoAssignee] = useState(false);
  const [status, setStatus] = useState<FollowupStatus>(followup.status);
  const [due, setDue] = useState(followup.dueAt ? localDayOf(followup.dueAt) : '');
  const [note, setNote] = useState('');
  const errors = save.fieldErrors;
  const run = async (body: FollowupPatch, after?: () => void) => {
    const done = await save.run(async () => {
      await patch(body);
      return true;
    }, t.value.common.saved);
    if (done) after?.();
  };
  const submit = (body: () => FollowupPatch, after?: () => void) => (event: Event) => {
    event.preventDefault();
    void run(body(), after);
  };
  const me = myAssignee.value;
  return (
    <Section title={m.actions} class="actions">
      <SaveStatus error={save.error} saved={save.saved} />
      <div class="action-row">
        {me && followup.assignee !== me && (
          <button type="button" onClick={() => void run({ assignee: me })} disabled={save.saving}>
            {m.assignToMe}
          </button>
        )}
        {followup.assignee && (
          <button type="button" onClick={() => void run({ assignee: null })} disabled={save.saving}>
            {m.unassign}
          </button>
        )}
      </div>
      {/* Only enabled accounts can be assigned: a list to pick from, never free text. */}
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setNoAssignee(!assignee);
          if (assignee) void run({ assignee }, () => setAssignee(''));
        }}
      >
        <SelectField
          label={m.assignTo}
          value={assignee}
          options={[{ value: '', label: m.choosePerson }, ...people.assignees]}
          onValue={setAssignee}
          error={noAssignee ? m.choosePersonFirst : errors.assignee}
        />
        <button type="submit" disabled={save.saving || !people.state.data}>
          {m.assign}
        </button>
      </form>
      <ErrorAlert error={people.state.error} />
      <form class="inline-form" onSubmit={submit(() => ({ status }))}>
        <SelectField<FollowupStatus>
          label={m.status}
          value={status}
          options={FOLLOWUP_STATUSES.map((s) => ({ value: s, label: statusName(s) }))}
          onValue={setStatus}
          error={errors.status}
        />
        <button type="submit" disabled={save.saving}>
          {m.setStatus}
        </button>
      </form>
      <form class="inline-form" onSubmit={submit(() => ({ dueAt: endOfLocalDay(due) }))}>
        <TextField type="date" label={m.dueDate} value={due} onValue={setDue} error={errors.dueAt} />
        <button type="submit" disabled={save.saving}>
          {m.setDue}
        </button>
        {followup.dueAt && (
          <button type="button" onClick={() => void run({ dueAt: null }, () => setDue(''))} disabled={save.saving}>
            {m.clearDue}
          </button>
        )}
      </form>
      <form onSubmit={submit(() => ({ note }), () => setNote(''))}>
        <TextField label={m.note} rows={4} value={note} onValue={setNote} error={errors.note} />
        <button type="submit" class="primary" disabled={save.saving}>
          {m.addNote}
        </button>
      </form>
    </Section>
  );
}
