import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FollowupPage, FollowupSort, FollowupStatus } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { SCORE_MAX, SCORE_MIN } from '../../shared/score.ts';
import { admin } from '../api.ts';
import { Await } from '../components/await.tsx';
import { DueDate } from '../components/due-date.tsx';
import { CheckboxField, SelectField, TextField } from '../components/field.tsx';
import { Link } from '../components/link.tsx';
import { MoreButton } from '../components/more-button.tsx';
import { ScoreBadge } from '../components/score-badge.tsx';
import { TableHead } from '../components/table-head.tsx';
import { Tabs } from '../components/tabs.tsx';
import { ProjectPage } from '../components/with-project.tsx';
import { formatNumber } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { daysRange } from '../period.ts';
import { location, setQuery } from '../router.ts';
import { myAssignee } from '../state/session.ts';
import { usePagedLoad } from '../use-load.ts';
import { usePeople, type People } from '../use-people.ts';

/** The inbox's tabs, in the order a follow-up moves through them. */
export const FOLLOWUP_STATUSES: readonly FollowupStatus[] = ['open', 'in_progress', 'resolved'];
const SORTS: readonly FollowupSort[] = ['newest', 'oldest', 'due', 'score'];
/** How much of a comment a row shows. */
const EXCERPT_LENGTH = 120;

/** The inbox's query string when last shown, so a follow-up's "Back" returns to the same tab and filters. */
export const lastInboxSearch = signal('');

/** `/inbox?status&assignee&minScore&maxScore&from&to&overdue&sort`: the follow-up inbox, customer success's home. */
export function InboxPage() {
  return <ProjectPage title={t.value.inbox.title} Content={Inbox} />;
}

function Inbox({ project }: { project: Project }) {
  const m = t.value.inbox;
  const { query } = location.value;
  useEffect(() => {
    lastInboxSearch.value = query.toString();
  }, [query.toString()]);
  const get = (key: string) => query.get(key) ?? '';
  const status = FOLLOWUP_STATUSES.find((s) => s === query.get('status')) ?? 'open';
  const assignee = get('assignee');
  const apiQuery = {
    status,
    // "me" is a filter of the console: the API knows assignees by e-mail.
    assignee: assignee === 'me' ? myAssignee.value : assignee,
    minScore: get('minScore'),
    maxScore: get('maxScore'),
    ...daysRange(get('from'), get('to')),
    overdue: get('overdue') === 'true' ? 'true' : '',
    sort: get('sort'),
  };
  const list = usePagedLoad(
    (cursor) => admin.get<FollowupPage>(`/projects/${encodeURIComponent(project.id)}/followups`, { ...apiQuery, cursor }),
    [project.id, JSON.stringify(apiQuery)],
  );
  const counts = list.data?.counts;
  const people = usePeople();
  return (
    <>
      <Filters people={people} />
      <Tabs
        label={m.title}
        selected={status}
        onSelect={(next) => setQuery({ status: next === 'open' ? null : next })}
        tabs={FOLLOWUP_STATUSES.map((key) => ({ key, label: counts ? m.tab(m.statuses[key], formatNumber(counts[key])) : m.statuses[key] }))}
      >
        <Await state={list}>
          {(page) =>
            page.items.length === 0 ? (
              <p class="muted">{m.empty}</p>
            ) : (
              <>
                <table class="list inbox">
                  <TableHead columns={[m.score, m.user, m.comment, m.assignee, m.due]} />
                  <tbody>
                    {page.items.map((followup) => (
                      <tr key={followup.id}>
                        <td>
                          <ScoreBadge score={followup.response.score} />
                        </td>
                        <th scope="row">
                          <Link to={`/inbox/${followup.id}`}>{followup.userId}</Link>
                        </th>
                        <td class="excerpt">{excerpt(followup.response.comment) ?? <span class="muted">{m.noComment}</span>}</td>
                        <td>{followup.assignee ? people.nameOf(followup.assignee) : <span class="muted">{m.unassigned}</span>}</td>
                        <td>
                          <DueDate dueAt={followup.dueAt} overdue={followup.overdue} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <MoreButton state={list} />
              </>
            )
          }
        </Await>
      </Tabs>
    </>
  );
}

const excerpt = (comment: string | null) => (comment && comment.length > EXCERPT_LENGTH ? `${comment.slice(0, EXCERPT_LENGTH)}…` : comment || null);

/** Filters and sort, kept in the query string. */
function Filters({ people }: { people: People }) {
  const m = t.value.inbox;
  const { query } = location.value;
  const get = (key: string) => query.get(key) ?? '';
  const scoreLimits = { min: SCORE_MIN, max: SCORE_MAX };
  return (
    <details class="filters-panel" open>
      <summary>{m.filters}</summary>
      <div class="filters">
        <SelectField
          label={m.assignee}
          value={get('assignee')}
          options={[
            { value: '', label: m.anyone },
            ...(myAssignee.value ? [{ value: 'me', label: m.me }] : []),
            { value: 'none', label: m.unassigned },
            // Disabled and removed people too: their follow-ups are the ones to hand over.
            ...people.everyone.filter((a) => a.value !== myAssignee.value),
          ]}
          onValue={(assignee) => setQuery({ assignee })}
        />
        <TextField type="number" label={m.minScore} {...scoreLimits} value={get('minScore')} onValue={(minScore) => setQuery({ minScore })} />
        <TextField type="number" label={m.maxScore} {...scoreLimits} value={get('maxScore')} onValue={(maxScore) => setQuery({ maxScore })} />
        <TextField type="date" label={m.from} value={get('from')} onValue={(from) => setQuery({ from })} />
        <TextField type="date" label={m.to} value={get('to')} onValue={(to) => setQuery({ to })} />
        <SelectField<FollowupSort>
          label={m.sort}
          value={SORTS.find((s) => s === get('sort')) ?? 'newest'}
          options={SORTS.map((sort) => ({ value: sort, label: m.sorts[sort] }))}
          onValue={(sort) => setQuery({ sort: sort === 'newest' ? null : sort })}
        />
        <CheckboxField label={m.overdueOnly} checked={get('overdue') === 'true'} onValue={(on) => setQuery({ overdue: on ? 'true' : null })} />
      </div>
    </details>
  );
}
