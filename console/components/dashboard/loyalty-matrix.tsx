import { useState } from 'preact/hooks';
import type { LtvRow, MatrixUsersPage, SurveyDashboard } from '../../../shared/schemas/dashboard.ts';
import { CATEGORIES, type Category } from '../../../shared/score.ts';
import { admin } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { t } from '../../i18n/index.ts';
import type { Range } from '../../period.ts';
import { usePagedLoad } from '../../use-load.ts';
import { Await } from '../await.tsx';
import { Dialog } from '../dialog.tsx';
import { MoreButton } from '../more-button.tsx';
import { ScoreBadge } from '../score-badge.tsx';
import { TableHead } from '../table-head.tsx';

const ROWS: readonly LtvRow[] = ['high', 'low'];

interface Cell {
  row: LtvRow;
  column: Category;
}

/** Users by LTV (rows) and NPS category (columns), each cell named and opening the list of its users. */
export function LoyaltyMatrix({ matrix, surveyId, range }: { matrix: SurveyDashboard['matrix']; surveyId: string; range: Range }) {
  const m = t.value.dashboard;
  const [open, setOpen] = useState<Cell | null>(null);
  return (
    <>
      <p class="hint">
        {matrix.boundarySource === 'none' ? m.boundarySource.none : `${m.boundary(formatNumber(matrix.ltvBoundary ?? 0))} (${m.boundarySource[matrix.boundarySource]})`}
      </p>
      <table class="matrix">
        <thead>
          <tr>
            <td />
            {CATEGORIES.map((column) => (
              <th key={column} scope="col" class={column}>
                {t.value.categoriesPlural[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row}>
              <th scope="row">{m.matrixRows[row]}</th>
              {CATEGORIES.map((column) => {
                const count = matrix.cells[row][column];
                return (
                  <td key={column} class={`cell ${row}-${column}`}>
                    <button type="button" class="cell-button" onClick={() => setOpen({ row, column })}>
                      <span class="cell-name">{m.matrixCells[row][column]}</span>
                      <span class="cell-count">{m.cellUsers(formatNumber(count), count)}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {matrix.unknownLtv > 0 && <p class="hint">{m.unknownLtv(formatNumber(matrix.unknownLtv), matrix.unknownLtv)}</p>}
      {open && <CellUsers cell={open} surveyId={surveyId} range={range} onClose={() => setOpen(null)} />}
    </>
  );
}

function CellUsers({ cell, surveyId, range, onClose }: { cell: Cell; surveyId: string; range: Range; onClose(): void }) {
  const m = t.value.dashboard;
  const users = usePagedLoad(
    (cursor) =>
      admin.get<MatrixUsersPage>(`/surveys/${encodeURIComponent(surveyId)}/matrix-users`, { row: cell.row, column: cell.column, from: range.from, to: range.to, cursor }),
    [surveyId, cell.row, cell.column, range.from, range.to],
  );
  return (
    <Dialog title={m.cellTitle(m.matrixCells[cell.row][cell.column], m.matrixRows[cell.row], t.value.categories[cell.column])} onClose={onClose}>
      <Await state={users}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{m.noUsers}</p>
          ) : (
            <>
              <table class="list">
                <TableHead columns={[m.user, m.score, m.ltv, m.respondedAt]} />
                <tbody>
                  {page.items.map((user) => (
                    <tr key={user.userId}>
                      <th scope="row">{user.userId}</th>
                      <td>
                        <ScoreBadge score={user.score} />
                      </td>
                      <td>{formatNumber(user.ltv)}</td>
                      <td>{formatDateTime(user.respondedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <MoreButton state={users} />
            </>
          )
        }
      </Await>
    </Dialog>
  );
}
