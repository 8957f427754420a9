/** Account administration, for the admin role only (the API enforces it). */
import type { Role } from '$lib/roles';
import { interpret, type ApiHttp } from './api-http';
import { acceptedSchema, adminAccountsSchema } from './identity-schemas';

const account = (id: string) => `/api/v1/admin/accounts/${encodeURIComponent(id)}`;

export function createAdminApi(http: ApiHttp) {
  return {
    searchAccounts: async (email: string) =>
      interpret(
        await http.get(`/api/v1/admin/accounts?email=${encodeURIComponent(email)}`),
        adminAccountsSchema,
        'the account search',
      ),

    grantRole: async (id: string, role: Role) =>
      interpret(await http.post(`${account(id)}/roles`, { role }), acceptedSchema, 'granting the role'),

    revokeRole: async (id: string, role: Role) =>
      interpret(
        await http.delete(`${account(id)}/roles/${encodeURIComponent(role)}`),
        acceptedSchema,
        'revoking the role',
      ),

    setSuspended: async (id: string, suspended: boolean) =>
      interpret(
        await http.post(`${account(id)}/${suspended ? 'suspend' : 'reinstate'}`),
        acceptedSchema,
        suspended ? 'suspending the account' : 'reinstating the account',
      ),
  };
}
