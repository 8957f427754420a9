import { error } from '@sveltejs/kit';
import { isRole, roleLabels } from '$lib/roles';
import { httpStatusFor, redirectIfSessionEnded, text } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { AdminAccount } from '$lib/server/identity-schemas';
import type { Actions, PageServerLoad } from './$types';

interface Outcome {
  ok: boolean;
  /** The API's status when it refused; 200 otherwise. */
  status: number;
  message: string;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, 'admin');
  const email = url.searchParams.get('email')?.trim() ?? '';
  let accounts: AdminAccount[] = [];
  let searchError: string | null = null;
  if (email) {
    const result = await locals.api.admin.searchAccounts(email);
    if (result.ok) accounts = result.data;
    else {
      redirectIfSessionEnded(result.status, url);
      if (result.status === 403) error(403, result.error.message);
      searchError = result.error.message;
    }
  }
  return { email, accounts, searchError };
};

/** Every account action names its account and answers with one line for that row. */
async function act(
  { request, url, locals }: { request: Request; url: URL; locals: App.Locals },
  run: (accountId: string, form: FormData) => Promise<Outcome>,
) {
  // Actions skip layout loads, so the role is checked here too.
  requireRole(locals, url, 'admin');
  const form = await request.formData();
  const accountId = text(form, 'accountId');
  const outcome: Outcome = accountId
    ? await run(accountId, form)
    : { ok: false, status: 400, message: 'Which account? The form did not say.' };
  if (!outcome.ok) redirectIfSessionEnded(outcome.status, url);
  // Row-level feedback, not `fail()`: the page still lists every account either way.
  return { accountId, ok: outcome.ok, message: outcome.message };
}

function outcomeOf(
  result: { ok: true } | { ok: false; status: number; error: { message: string } },
  done: string,
): Outcome {
  return result.ok
    ? { ok: true, status: 200, message: done }
    : { ok: false, status: httpStatusFor(result.status), message: result.error.message };
}

export const actions: Actions = {
  grant: (event) =>
    act(event, async (accountId, form) => {
      const role = text(form, 'role');
      if (!isRole(role)) return { ok: false, status: 400, message: 'Choose a role to grant.' };
      return outcomeOf(await event.locals.api.admin.grantRole(accountId, role), `${roleLabels[role]} role granted.`);
    }),
  revoke: (event) =>
    act(event, async (accountId, form) => {
      const role = text(form, 'role');
      if (!isRole(role)) return { ok: false, status: 400, message: 'Which role? The form did not say.' };
      return outcomeOf(await event.locals.api.admin.revokeRole(accountId, role), `${roleLabels[role]} role revoked.`);
    }),
  suspend: (event) =>
    act(event, async (accountId) =>
      outcomeOf(
        await event.locals.api.admin.setSuspended(accountId, true),
        'Account suspended; its sessions have ended.',
      ),
    ),
  reinstate: (event) =>
    act(event, async (accountId) =>
      outcomeOf(await event.locals.api.admin.setSuspended(accountId, false), 'Account reinstated.'),
    ),
};
