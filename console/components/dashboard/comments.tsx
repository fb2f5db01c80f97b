import { useState } from 'preact/hooks';
import { localize } from '../../../shared/localize.ts';
import type { CommentsPage } from '../../../shared/schemas/comment.ts';
import type { Survey } from '../../../shared/schemas/survey.ts';
import { CATEGORIES, type Category } from '../../../shared/score.ts';
import { admin } from '../../api.ts';
import { locale, t } from '../../i18n/index.ts';
import type { Range } from '../../period.ts';
import { usePagedLoad } from '../../use-load.ts';
import { AnswerItem } from '../answer-item.tsx';
import { Await } from '../await.tsx';
import { SelectField, TextField } from '../field.tsx';
import { MoreButton } from '../more-button.tsx';

interface Filters {
  category: Category | '';
  touchpoint: string;
  impact: 'negative' | 'positive' | '';
  q: string;
}

/** The survey's comments in the period, filtered by category, by how a touchpoint was rated, and by text. */
export function Comments({ survey, range }: { survey: Survey; range: Range }) {
  const m = t.value.dashboard;
  const [filters, setFilters] = useState<Filters>({ category: '', touchpoint: '', impact: '', q: '' });
  const [text, setText] = useState('');
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const comments = usePagedLoad(
    (cursor) =>
      admin.get<CommentsPage>(`/surveys/${encodeURIComponent(survey.id)}/comments`, {
        from: range.from,
        to: range.to,
        category: filters.category,
        touchpoint: filters.touchpoint,
        impact: filters.touchpoint ? filters.impact : '',
        q: filters.q,
        cursor,
      }),
    [survey.id, range.from, range.to, filters.category, filters.touchpoint, filters.impact, filters.q],
  );
  const search = (event: Event) => {
    event.preventDefault();
    change({ q: text.trim() });
  };
  return (
    <>
      <form class="filters" role="search" onSubmit={search}>
        <SelectField<Filters['category']>
          label={m.category}
          value={filters.category}
          options={[{ value: '', label: m.anyCategory }, ...CATEGORIES.map((c) => ({ value: c, label: t.value.categoriesPlural[c] }))]}
          onValue={(category) => change({ category })}
        />
        <SelectField
          label={m.touchpointFilter}
          value={filters.touchpoint}
          options={[{ value: '', label: m.anyTouchpoint }, ...survey.touchpoints.map((tp) => ({ value: tp.key, label: localize(tp.label, locale.value) }))]}
          onValue={(touchpoint) => change({ touchpoint })}
        />
        {filters.touchpoint && (
          <SelectField<Filters['impact']>
            label={m.impactFilter}
            value={filters.impact}
            options={[
              { value: '', label: m.anyImpact },
              { value: 'negative', label: m.negative },
              { value: 'positive', label: m.positive },
            ]}
            onValue={(impact) => change({ impact })}
          />
        )}
        <TextField type="search" label={m.search} value={text} onValue={setText} />
        <button type="submit">{m.searchButton}</button>
      </form>
      <Await state={comments}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{m.noComments}</p>
          ) : (
            <>
              <ul class="comments">
                {page.items.map((item) => (
                  <AnswerItem key={item.responseId} {...item} />
                ))}
              </ul>
              <MoreButton state={comments} />
            </>
          )
        }
      </Await>
    </>
  );
}
