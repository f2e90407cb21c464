// Plays the deployed application for the health check: an HTTP server on 127.0.0.1 whose health
// path answers 200, or 503 while it is set unhealthy. The ECS emulator gives every task the public
// IP 127.0.0.1, so with container-port set to this server's port the action reaches it; the load
// balancers' health checker reaches it the same way, naming the image of the task it checks.

import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { listen } from './http-emulator.js'

export class AppServer {
  healthy = true
  hits = 0
  /** Commits whose tasks answer 503 to the load balancers' health checks (by their image tag). */
  readonly failingCommits = new Set<string>()

  private constructor(
    private readonly server: Server,
    readonly port: number
  ) {}

  static async start(healthPath = '/health'): Promise<AppServer> {
    const { server, url } = await listen()
    const app = new AppServer(server, Number(new URL(url).port))
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      app.hits++
      const image = String(req.headers['x-emulated-image'] ?? '')
      const failing = [...app.failingCommits].some((sha) => image.includes(`-${sha}-`))
      const ok = req.url === healthPath && app.healthy && !failing
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'OK' : 'not ready')
    })
    return app
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}
