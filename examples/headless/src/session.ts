// This app's own sign-in, reduced to a token in the address (`/?token=alice-token`): the backend
// (server.js) knows which user each token is. A real app hands Tidings the token its login gave it.
export const DEFAULT_TOKEN = 'alice-token'

export function currentToken(): string | null {
  return new URLSearchParams(globalThis.location?.search ?? '').get('token') ?? DEFAULT_TOKEN
}
