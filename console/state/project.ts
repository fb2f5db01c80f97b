import { computed, signal } from '@preact/signals';
import type { Project } from '../../shared/schemas/project.ts';
import { admin } from '../api.ts';
import { readStored, writeStored } from '../storage.ts';

const STORAGE_KEY = 'kizuna.console.project';

/** Every project, archived ones too, oldest first; undefined until loaded. */
export const projects = signal<Project[] | undefined>(undefined);
const chosenId = signal<string | null>(readStored(STORAGE_KEY));

/** The projects one can work on (not archived): the project picker's choices. */
export const openProjects = computed(() => projects.value?.filter((p) => p.archivedAt === null));

/**
 * The project the console works on: the one chosen last on this browser, else the first. Once
 * the chosen one is archived or deleted (here or by someone else, on the next load), the first.
 */
export const project = computed(() => {
  const list = openProjects.value ?? [];
  return list.find((p) => p.id === chosenId.value) ?? list[0] ?? null;
});

export function chooseProject(id: string): void {
  chosenId.value = id;
  writeStored(STORAGE_KEY, id);
}

export async function loadProjects(): Promise<void> {
  projects.value = (await admin.get<{ items: Project[] }>('/projects', { archived: 'include' })).items;
}

/** Puts a created or updated project into the list (and picks a new one). */
export function storeProject(updated: Project): void {
  const list = projects.value ?? [];
  const known = list.some((p) => p.id === updated.id);
  projects.value = known ? list.map((p) => (p.id === updated.id ? updated : p)) : [...list, updated];
  if (!known) chooseProject(updated.id);
}

/** Takes a deleted project out of the list (the picker then falls back to the first left). */
export function forgetProject(id: string): void {
  projects.value = projects.value?.filter((p) => p.id !== id);
}
