import type { ComponentChildren } from 'preact';
import { TableHead } from '../table-head.tsx';

export interface ChartTable {
  caption: string;
  head: string[];
  rows: Array<Array<string | number>>;
}

/**
 * A chart as one image with a spoken summary, followed by its numbers as a table that only
 * assistive technology reads (sighted users get the picture, screen-reader users the data).
 */
export function ChartFigure({ summary, table, children }: { summary: string; table: ChartTable; children: ComponentChildren }) {
  return (
    <figure class="chart">
      <div role="img" aria-label={summary}>
        {children}
      </div>
      <table class="visually-hidden">
        <caption>{table.caption}</caption>
        <TableHead columns={table.head} />
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
