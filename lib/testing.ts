/**
 * msw handlers and a fake server running the real server's logic, so a user's jsdom tests can push a
 * notification or a progress frame in one line.
 *
 * @module tidings/testing
 */

/** The fake server: `listen`/`reset`/`close` around msw, `signIn`, `pushNotification`, `pushProgress`… */
export { createTidingsTestServer, type TidingsTestListenOptions, type TidingsTestServer } from '../mock-server/testing'
