// The page talks to the gateway only through /graphql (and /dev/token for local sign-in).
const KEY = 'npsloop.token';

export function token() { return sessionStorage.getItem(KEY); }
export function setToken(value) { value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY); }

export class Unauthenticated extends Error {}

/** Runs a GraphQL operation; resolves to {data, errors} (partial results keep their data). */
export async function gql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + (token() || '') },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status === 401) {
    throw new Unauthenticated();
  }
  const body = await response.json();
  return { data: body.data || {}, errors: body.errors || [] };
}

export async function devRoles() {
  const response = await fetch('/dev/token/roles');
  return response.ok ? (await response.json()).roles : null;
}

export async function devToken(role, stores, regions) {
  const params = new URLSearchParams({ role, stores, regions });
  const response = await fetch('/dev/token?' + params);
  if (!response.ok) {
    throw new Error(await response.text());
  }
  return (await response.json()).token;
}

/** Claims of the token (not verified here: the gateway verifies). */
export function claims() {
  try {
    const part = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return null;
  }
}
