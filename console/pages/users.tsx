import { useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import type { Account, AccountList, RemovedAccount } from '../../shared/schemas/account.ts';
import { admin, toApiError, type ApiError } from '../api.ts';
import { Await } from '../components/await.tsx';
import { Dialog } from '../components/dialog.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { Section } from '../components/section.tsx';
import { TableHead } from '../components/table-head.tsx';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useLoad, type Loaded } from '../use-load.ts';
import { peopleOf } from '../use-people.ts';
import { useSave } from '../use-save.ts';

/** Console accounts: owners create them, change their role, disable, enable and remove them. */
export function UsersPage() {
  const m = t.value.users;
  return <Page title={m.title}>{allowed('users') ? <Users /> : <p class="alert">{t.value.errors.forbidden}</p>}</Page>;
}

const roleOptions = () => ROLES.map((r) => ({ value: r, label: t.value.roles[r] }));

/** Which dialog is open, for which account. */
type Open = { kind: 'role' | 'remove'; account: Account } | null;

function Users() {
  const m = t.value.users;
  const accounts = useLoad(() => admin.get<AccountList>('/users'), []);
  const [open, setOpen] = useState<Open>(null);
  // The outcome of the last change made from the list (a dialog's own failures stay in it).
  const [outcome, setOutcome] = useState<{ error: ApiError | null; saved: string | null }>({ error: null, saved: null });
  const [toggling, setToggling] = useState(false);

  const replace = (account: Account) => {
    const list = accounts.data!;
    accounts.set({ ...list, items: list.items.map((a) => (a.id === account.id ? account : a)) });
  };

  const setDisabled = async (account: Account, disabled: boolean) => {
    setToggling(true);
    try {
      replace(await admin.patch<Account>(`/users/${encodeURIComponent(account.id)}`, { disabled }));
      setOutcome({ error: null, saved: disabled ? m.disabledNotice(account.name) : m.enabledNotice(account.name) });
    } catch (failure) {
      setOutcome({ error: toApiError(failure), saved: null });
    } finally {
      setToggling(false);
    }
  };

  const roleSaved = (account: Account) => {
    replace(account);
    setOpen(null);
    setOutcome({ error: null, saved: m.roleChanged(account.name, t.value.roles[account.role]) });
  };

  const removed = (gone: RemovedAccount) => {
    const list = accounts.data!;
    accounts.set({ items: list.items.filter((a) => a.id !== gone.id), removed: [gone, ...list.removed] });
    setOpen(null);
    setOutcome({ error: null, saved: m.removedNotice(gone.name) });
  };

  return (
    <>
      <Await state={accounts}>
        {(list) => (
          <>
            <SaveStatus error={outcome.error} saved={outcome.saved} />
            <table class="list users">
              <TableHead columns={[m.name, m.email, m.role, m.status, m.createdAt, m.actions]} />
              <tbody>
                {list.items.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">{account.name}</th>
                    <td>{account.email}</td>
                    <td>{t.value.roles[account.role]}</td>
                    <td>{account.disabled ? <span class="badge danger">{m.disabled}</span> : <span class="badge ok">{m.enabled}</span>}</td>
                    <td>{formatDate(account.createdAt)}</td>
                    <td>
                      <div class="action-row">
                        <button type="button" aria-label={m.changeRoleOf(account.name)} onClick={() => setOpen({ kind: 'role', account })}>
                          {m.changeRole}
                        </button>
                        <button
                          type="button"
                          aria-label={account.disabled ? m.enableOf(account.name) : m.disableOf(account.name)}
                          onClick={() => void setDisabled(account, !account.disabled)}
                          disabled={toggling}
                        >
                          {account.disabled ? m.enable : m.disable}
                        </button>
                        <button type="button" class="danger" aria-label={m.removeOf(account.name)} onClick={() => setOpen({ kind: 'remove', account })}>
                          {m.remove}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <RemovedAccounts removed={list.removed} nameOf={peopleOf(list).nameOf} />
          </>
        )}
      </Await>
      {open?.kind === 'role' && <RoleDialog account={open.account} onSaved={roleSaved} onClose={() => setOpen(null)} />}
      {open?.kind === 'remove' && <RemoveDialog account={open.account} onRemoved={removed} onClose={() => setOpen(null)} />}
      <CreateUser accounts={accounts} />
    </>
  );
}

/** Picks a new role; refused with the reason at the field when it would leave no owner. */
function RoleDialog({ account, onSaved, onClose }: { account: Account; onSaved(account: Account): void; onClose(): void }) {
  const m = t.value.users;
  const [role, setRole] = useState<Role>(account.role);
  const save = useSave();
  const submit = async (event: Event) => {
    event.preventDefault();
    const updated = await save.run(() => admin.patch<Account>(`/users/${encodeURIComponent(account.id)}`, { role }));
    if (updated) onSaved(updated);
  };
  return (
    <Dialog title={m.changeRoleOf(account.name)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <SelectField<Role> label={m.role} value={role} options={roleOptions()} onValue={setRole} error={save.error?.code === 'last_owner' ? m.lastOwner : save.fieldErrors.role} />
        <div class="row">
          <button type="submit" class="primary" disabled={save.saving}>
            {save.saving ? t.value.common.saving : m.saveRole}
          </button>
          <button type="button" onClick={onClose}>
            {m.cancel}
          </button>
        </div>
        <ErrorAlert error={save.error} />
      </form>
    </Dialog>
  );
}

/** Says what removing does before doing it; the last owner's refusal is told in words. */
function RemoveDialog({ account, onRemoved, onClose }: { account: Account; onRemoved(removed: RemovedAccount): void; onClose(): void }) {
  const m = t.value.users;
  const remove = useSave();
  const confirm = async () => {
    const gone = await remove.run(() => admin.delete<RemovedAccount>(`/users/${encodeURIComponent(account.id)}`));
    if (gone) onRemoved(gone);
  };
  return (
    <Dialog title={m.removeTitle(account.name)} onClose={onClose}>
      <p>{m.removeText(account.name, account.email)}</p>
      <div class="row">
        <button type="button" class="danger" onClick={() => void confirm()} disabled={remove.saving}>
          {remove.saving ? m.removing : m.removeNow}
        </button>
        <button type="button" onClick={onClose}>
          {m.cancel}
        </button>
      </div>
      <ErrorAlert error={remove.error} />
    </Dialog>
  );
}

/** Who was removed, when and by whom: their names still stand in the follow-ups they worked on. */
function RemovedAccounts({ removed, nameOf }: { removed: RemovedAccount[]; nameOf(value: string): string }) {
  const m = t.value.users;
  return (
    <Section title={m.removedTitle}>
      {removed.length === 0 ? (
        <p class="muted">{m.noneRemoved}</p>
      ) : (
        <table class="list">
          <TableHead columns={[m.name, m.email, m.removedAt, m.removedBy]} />
          <tbody>
            {removed.map((person) => (
              <tr key={person.id}>
                <th scope="row">{person.name}</th>
                <td>{person.email}</td>
                <td>{formatDateTime(person.removedAt)}</td>
                <td>{nameOf(person.removedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function CreateUser({ accounts }: { accounts: Loaded<AccountList> }) {
  const m = t.value.users;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('cs');
  const save = useSave();
  const errors = save.fieldErrors;
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = { email, password, role, ...(name.trim() ? { name } : {}) };
    const created = await save.run(() => admin.post<Account>('/users', body), m.created(email));
    if (!created) return;
    const list = accounts.data ?? { items: [], removed: [] };
    accounts.set({ ...list, items: [...list.items, created] });
    setEmail('');
    setName('');
    setPassword('');
  };
  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{m.create}</h2>
      <div class="grid-fields">
        <TextField label={m.email} type="email" autoComplete="off" value={email} onValue={setEmail} error={save.error?.status === 409 ? m.taken : errors.email} />
        <TextField label={m.name} value={name} onValue={setName} error={errors.name} />
        <TextField label={m.password} type="password" autoComplete="new-password" hint={m.passwordHint(PASSWORD_LENGTH.min)} value={password} onValue={setPassword} error={errors.password} />
        <SelectField<Role> label={m.role} value={role} options={roleOptions()} onValue={setRole} error={errors.role} />
      </div>
      <button type="submit" class="primary" disabled={save.saving}>
        {m.create}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}
