// The sign-in endpoints' methods and paths, apart from the route table (./routes.ts) and its zod
// schemas: the login page calls them, and importing the table would load zod with it.
export const AuthEndpoints = {
  login: { method: 'POST', path: '/api/auth/login' },
  refresh: { method: 'POST', path: '/api/auth/refresh' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  logoutAll: { method: 'POST', path: '/api/auth/logout_all' },
  me: { method: 'GET', path: '/api/auth/me' },
} as const
