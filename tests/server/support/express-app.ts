// An Express app mounting Tidings the way the README's "With Express" snippet says (the block between
// the markers is that snippet, checked by attach-frameworks.test.ts): its own JSON parser and routes first, Tidings' middleware, its own 404.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { attachTidings, silentLogger, type TidingsUser } from 'tidings/server'
import type { FrameworkApp } from './framework-app'

export async function startExpressApp(usersByToken: Map<string, TidingsUser>): Promise<FrameworkApp> {
  // README: With Express
  const app = express()
  app.use(express.json())                                 // your parsers and routes stay as they are
  app.get('/hello', (req, res) => { res.send('hello from the app') })
  const server = createServer(app)
  const tidings = await attachTidings(server, {
    authenticate: token => usersByToken.get(token) ?? null,
    dbPath: ':memory:', logger: silentLogger,             // (tests only: not in the README)
  })
  app.use(tidings.middleware)                             // Tidings' REST routes and SSE stream
  app.post('/announce', async (req, res) => {             // publishing from your own route
    res.status(201).json(await tidings.publish(req.body.to, { title: 'Deploy finished', content: 'v2 is live', type: 'system' }))
  })
  app.use((req, res) => { res.status(404).send('not the app\'s') }) // your 404, after Tidings
  // README: end

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    notFound: 'not the app\'s',
    async close() {
      await tidings.close()
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    },
  }
}
