import type { AuthoringError } from './api.ts';
import type { AuthoringMessages } from './messages.ts';

/** What the author reads about a failed call: always in their language, and never "your work is gone". */
export function describeProblem(error: unknown, m: AuthoringMessages): { text: string; stepIndex?: number } {
  const { status = -1, code = '', path = '', message = '' } = error as Partial<AuthoringError>;
  if (status === 0) return { text: m.network };
  if (code === 'authoring_link_invalid') return { text: m.linkInvalid };
  if (code === 'authoring_session_expired') return { text: m.sessionEnded };
  if (code === 'origin_not_allowed') return { text: m.originRefused };
  if (code === 'conflict') return { text: m.conflict };
  // A 400 names the field, e.g. `steps.2.title`: point at the step and say which of its texts.
  const field = /^steps\.(\d+)\.(\w+)(\.[\w-]+)?/.exec(path);
  if (status === 400 && field) {
    const index = Number(field[1]);
    const name = field[2] as string;
    const text = name === 'title' || name === 'body';
    const label = name === 'title' ? m.title : name === 'body' ? m.body : name === 'target' ? m.element : name;
    // A whole text refused (no language filled in) is the usual case, and said in the author's
    // language; a problem in one language's text keeps the server's detail.
    const detail = text && !field[3] ? m.needsText : message;
    return { text: m.fieldProblem(index + 1, label, detail), stepIndex: index };
  }
  return { text: m.failed(status) };
}
