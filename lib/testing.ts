// `tidings/testing`: msw handlers and a fake server running the real server's logic, so a user's
// jsdom tests can push a notification or a progress frame in one line.

/** The fake server: `handlers` for msw's `setupServer`, `signIn`, `pushNotification`, `pushProgress`… */
export { createTidingsTestServer, type TidingsTestServer } from '../mock-server/testing'
