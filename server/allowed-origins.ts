import type { Project } from '../shared/schemas/project.ts';

/**
 * Whether the project lets pages of `origin` use it. An empty allow-list lets every origin in
 * (a fresh project works before it is configured).
 */
export const isAllowedOrigin = (project: Project, origin: string): boolean =>
  project.allowedOrigins.length === 0 || project.allowedOrigins.includes(origin);
