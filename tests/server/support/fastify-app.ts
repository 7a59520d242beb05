// A Fastify app mounting Tidings the way the README's "With Fastify" snippet says (the block between
// the markers is that snippet, checked by attach-frameworks.test.ts): an `onRequest` hook hands Tidings its requests before Fastify parses them.
import Fastify from 'fastify'
import { attachTidings, silentLogger, type TidingsUser } from 'tidings/server'
import type { FrameworkApp } from './framework-app'

export async function startFastifyApp(usersByToken: Map<string, TidingsUser>): Promise<FrameworkApp> {
  // README: With Fastify
  const app = Fastify()
  const tidings = await attachTidings(app.server, {
    authenticate: token => usersByToken.get(token) ?? null,
    dbPath: ':memory:', logger: silentLogger,             // (tests only: not in the README)
  })
  app.addHook('onRequest', async (request, reply) => {    // Tidings' REST routes and SSE stream
    if (tidings.handle(request.raw, reply.raw))
      reply.hijack()
  })
  app.addHook('preClose', () => tidings.close())          // app.close() closes Tidings' sockets first
  app.get('/hello', async () => 'hello from the app')    // your routes stay as they are
  app.post<{ Body: { to: string } }>('/announce', async (request, reply) => {
    reply.code(201)
    return tidings.publish(request.body.to, { title: 'Deploy finished', content: 'v2 is live', type: 'system' })
  })
  // README: end

  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    notFound: 'Route GET:/api/not-tidings not found',
    close: () => app.close(),
  }
}
