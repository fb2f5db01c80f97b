import { categorize } from '../../shared/score.ts';
import { t } from '../i18n/index.ts';

/** A score in its category's colour, the category also in words for those who cannot see the colour. */
export function ScoreBadge({ score }: { score: number }) {
  const category = categorize(score);
  const name = t.value.categories[category];
  return (
    <span class={`score ${category}`} title={name}>
      {score}
      <span class="visually-hidden"> ({name})</span>
    </span>
  );
}
