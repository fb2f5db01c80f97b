import { ADMIN, serverUrl } from '../api.ts';
import { t } from '../i18n/index.ts';
import type { Range } from '../period.ts';

/** Plain download links (the session cookie goes with them) for a project's responses and follow-ups in `range`. */
export function CsvLinks({ projectId, range }: { projectId: string; range: Range | null }) {
  const m = t.value.projects;
  const query = range ? { from: range.from, to: range.to } : {};
  const href = (file: string) => serverUrl(`${ADMIN}/projects/${encodeURIComponent(projectId)}/${file}`, query);
  return (
    <p class="csv-links">
      <a class="button" href={href('responses.csv')} download>
        {m.responsesCsv}
      </a>
      <a class="button" href={href('followups.csv')} download>
        {m.followupsCsv}
      </a>
    </p>
  );
}
