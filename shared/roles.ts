/**
 * Console roles and what each may change. Reading is open to every role; the API enforces these
 * (403) and the console hides what a role cannot do, from this one table.
 */
export const ROLES = ['owner', 'admin', 'product', 'cs'] as const;
export type Role = (typeof ROLES)[number];

/** The areas a request can change. */
export const PERMISSIONS = ['users', 'projects', 'surveys', 'guides', 'followups', 'privacy', 'integrations'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // privacy: erasing an end-user's data on request (APPI / GDPR).
  // integrations: webhook and Slack endpoints, their secrets and delivery logs.
  admin: ['projects', 'privacy', 'integrations'],
  product: ['surveys', 'guides'],
  cs: ['followups'],
};

/** Whether `role` may change things in `area`. */
export const can = (role: Role, area: Permission): boolean => GRANTS[role].includes(area);
