import { useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import type { Account } from '../../shared/schemas/account.ts';
import { admin } from '../api.ts';
import { Await } from '../components/await.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { TableHead } from '../components/table-head.tsx';
import { formatDate } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useLoad, type Loaded } from '../use-load.ts';
import { useSave } from '../use-save.ts';

/** Console accounts and their roles; owners create new ones. */
export function UsersPage() {
  const m = t.value.users;
  return <Page title={m.title}>{allowed('users') ? <Users /> : <p class="alert">{t.value.errors.forbidden}</p>}</Page>;
}

function Users() {
  const m = t.value.users;
  const accounts = useLoad(() => admin.get<{ items: Account[] }>('/users'), []);
  return (
    <>
      <Await state={accounts}>
        {({ items }) => (
          <table class="list">
            <TableHead columns={[m.name, m.email, m.role, m.createdAt]} />
            <tbody>
              {items.map((account) => (
                <tr key={account.id}>
                  <th scope="row">{account.name}</th>
                  <td>{account.email}</td>
                  <td>{t.value.roles[account.role]}</td>
                  <td>{formatDate(account.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
      <CreateUser accounts={accounts} />
    </>
  );
}

function CreateUser({ accounts }: { accounts: Loaded<{ items: Account[] }> }) {
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
    accounts.set({ items: [...(accounts.data?.items ?? []), created] });
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
        <SelectField<Role> label={m.role} value={role} options={ROLES.map((r) => ({ value: r, label: t.value.roles[r] }))} onValue={setRole} error={errors.role} />
      </div>
      <button type="submit" class="primary" disabled={save.saving}>
        {m.create}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}
