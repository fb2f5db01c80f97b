import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { admin } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { t } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { useLoad } from '../use-load.ts';
import { Await } from './await.tsx';
import { WithProject } from './with-project.tsx';

/** What an editor form gets: its heading, the draft to start from, and how to save the body it builds. */
export interface EditorProps<D, B> {
  title: string;
  initial: D;
  save(body: B): Promise<void>;
}

interface ResourceEditorConfig<R extends { id: string; name: string }, D, B> {
  /** The API collection and console route: `/projects/:id/surveys` to create, `/surveys/:id` to read and change. */
  kind: 'surveys' | 'guides';
  newDraft(): D;
  toDraft(resource: R): D;
  Editor: ComponentType<EditorProps<D, B>>;
}

type ResourceEditorProps<R extends { id: string; name: string }, D, B> = ResourceEditorConfig<R, D, B> & { id?: string };

/**
 * The page for `/{kind}/new` and `/{kind}/:id`: the editor over a new draft (created, then edited
 * at its own address) or over the stored resource.
 */
export function editorPage<R extends { id: string; name: string }, D, B>(config: ResourceEditorConfig<R, D, B>) {
  return ({ params }: PageProps) => {
    // `/surveys/:surveyId`, `/guides/:guideId`; none on `/{kind}/new`.
    const id = params[`${config.kind.slice(0, -1)}Id`];
    return id ? <EditResource {...config} id={id} /> : <NewResource {...config} />;
  };
}

/** A draft being edited and how to change some of its fields. */
export function useDraft<D>(initial: D): [D, (patch: Partial<D>) => void] {
  const [draft, setDraft] = useState(initial);
  return [draft, (patch) => setDraft((current) => ({ ...current, ...patch }))];
}

function NewResource<R extends { id: string; name: string }, D, B>({ kind, newDraft, Editor }: ResourceEditorProps<R, D, B>) {
  return (
    <WithProject>
      {(project) => (
        <Editor
          title={t.value[kind].newTitle}
          initial={newDraft()}
          save={async (body) => {
            const created = await admin.post<R>(`/projects/${encodeURIComponent(project.id)}/${kind}`, body);
            navigate(`/${kind}/${created.id}`, { replace: true });
          }}
        />
      )}
    </WithProject>
  );
}

function EditResource<R extends { id: string; name: string }, D, B>({ kind, id, toDraft, Editor }: ResourceEditorProps<R, D, B> & { id: string }) {
  const path = `/${kind}/${encodeURIComponent(id)}`;
  const state = useLoad(() => admin.get<R>(path), [path]);
  return (
    <Await state={state}>
      {(resource) => <Editor title={t.value[kind].editTitle(resource.name)} initial={toDraft(resource)} save={async (body) => state.set(await admin.patch<R>(path, body))} />}
    </Await>
  );
}
