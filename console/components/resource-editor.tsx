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
  /** Absent while the resource is new (not saved yet). */
  stored?: Stored<D>;
}

/** A resource as stored on the server, which others may change meanwhile. */
export interface Stored<D> {
  id: string;
  projectId: string;
  /** Reads it again: its draft if it changed since it was loaded or saved here, else null. */
  refresh(): Promise<D | null>;
}

type Resource = { id: string; projectId: string; name: string; updatedAt: string };

interface ResourceEditorConfig<R extends Resource, D, B> {
  /** The API collection and console route: `/projects/:id/surveys` to create, `/surveys/:id` to read and change. */
  kind: 'surveys' | 'guides';
  newDraft(): D;
  toDraft(resource: R): D;
  Editor: ComponentType<EditorProps<D, B>>;
}

type ResourceEditorProps<R extends Resource, D, B> = ResourceEditorConfig<R, D, B> & { id?: string };

/**
 * The page for `/{kind}/new` and `/{kind}/:id`: the editor over a new draft (created, then edited
 * at its own address) or over the stored resource.
 */
export function editorPage<R extends Resource, D, B>(config: ResourceEditorConfig<R, D, B>) {
  return ({ params }: PageProps) => {
    // `/surveys/:surveyId`, `/guides/:guideId`; none on `/{kind}/new`.
    const id = params[`${config.kind.slice(0, -1)}Id`];
    return id ? <EditResource {...config} id={id} /> : <NewResource {...config} />;
  };
}

/** Whether a draft has changes of its own, and how to tell it what the server now stores. */
export interface DraftBaseline<D> {
  /** Changed since loaded or saved (a change undone still counts). */
  dirty: boolean;
  /** `sent` is stored now: it was saved. */
  saved(sent: D): void;
  /** Replaces the draft with what the server stores now. */
  reset(stored: D): void;
}

/** A draft being edited, how to change some of its fields, and whether it holds unsaved changes. */
export function useDraft<D>(initial: D): [D, (patch: Partial<D>) => void, DraftBaseline<D>] {
  const [draft, setDraft] = useState(initial);
  // Every change makes a new draft object, so "unsaved" is a draft other than the last one loaded or saved.
  const [baseline, setBaseline] = useState(initial);
  return [
    draft,
    (patch) => setDraft((current) => ({ ...current, ...patch })),
    {
      dirty: draft !== baseline,
      saved: setBaseline,
      reset(stored) {
        setDraft(stored);
        setBaseline(stored);
      },
    },
  ];
}

function NewResource<R extends Resource, D, B>({ kind, newDraft, Editor }: ResourceEditorProps<R, D, B>) {
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

function EditResource<R extends Resource, D, B>({ kind, id, toDraft, Editor }: ResourceEditorProps<R, D, B> & { id: string }) {
  const path = `/${kind}/${encodeURIComponent(id)}`;
  const state = useLoad(() => admin.get<R>(path), [path]);
  return (
    <Await state={state}>
      {(resource) => (
        <Editor
          title={t.value[kind].editTitle(resource.name)}
          initial={toDraft(resource)}
          save={async (body) => state.set(await admin.patch<R>(path, body))}
          stored={{
            id: resource.id,
            projectId: resource.projectId,
            async refresh() {
              const fresh = await admin.get<R>(path);
              if (fresh.updatedAt === resource.updatedAt) return null;
              state.set(fresh);
              return toDraft(fresh);
            },
          }}
        />
      )}
    </Await>
  );
}
