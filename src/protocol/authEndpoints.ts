// The sign-in endpoints' methods and paths, apart from the route table (./routes.ts) and its zod
// schemas: the login page calls them, and importing the table would load zod with it.
export const AuthEndpoints = {
  /** Signs in with username and password (Tidings' own users only). */
  login: {
    /** POST, with `{username, password}`. */
    method: 'POST',
    /** Answers a bearer token, its lifetime and the user. */
    path: '/api/auth/login',
  },
  /** Renews the bearer token of a live session. */
  refresh: {
    /** POST, with the current bearer token. */
    method: 'POST',
    /** Answers a new bearer token, as the sign-in does. */
    path: '/api/auth/refresh',
  },
  /** Ends this session. */
  logout: {
    /** POST, with the session's bearer token. */
    method: 'POST',
    /** Answers how many live connections it closed. */
    path: '/api/auth/logout',
  },
  /** Ends every session of the user. */
  logoutAll: {
    /** POST, with any of the user's bearer tokens. */
    method: 'POST',
    /** Answers how many sessions it ended and live connections it closed. */
    path: '/api/auth/logout_all',
  },
  /** The signed-in user. */
  me: {
    /** GET, with the bearer token. */
    method: 'GET',
    /** Answers the user the token belongs to. */
    path: '/api/auth/me',
  },
} as const
