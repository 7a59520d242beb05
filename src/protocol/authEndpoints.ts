// The sign-in endpoints' methods and paths, apart from the route table (./routes.ts) and its zod
// schemas: the login page calls them, and importing the table would load zod with it.
export const AuthEndpoints = {
  /** Signs in with username and password (Tidings' own users only). */
  login: { method: 'POST', path: '/api/auth/login' },
  /** Renews the bearer token of a live session. */
  refresh: { method: 'POST', path: '/api/auth/refresh' },
  /** Ends this session. */
  logout: { method: 'POST', path: '/api/auth/logout' },
  /** Ends every session of the user. */
  logoutAll: { method: 'POST', path: '/api/auth/logout_all' },
  /** The signed-in user. */
  me: { method: 'GET', path: '/api/auth/me' },
} as const
