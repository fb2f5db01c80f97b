import { formatDateTime } from '../i18n/format.ts';
import { ScoreBadge } from './score-badge.tsx';

/** One answer in a list: its score, who gave it (when the list mixes users), when, and the comment. */
export function AnswerItem({ score, userId, createdAt, comment }: { score: number; userId?: string; createdAt: string; comment: string | null }) {
  return (
    <li class="comment">
      <div class="comment-meta">
        <ScoreBadge score={score} />
        {userId && <span class="user">{userId}</span>}
        <time dateTime={createdAt}>{formatDateTime(createdAt)}</time>
      </div>
      {comment && <p class="comment-text">{comment}</p>}
    </li>
  );
}
