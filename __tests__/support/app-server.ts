// Plays the deployed application for the health check: an HTTP server on 127.0.0.1 whose health
// path answers 200, or 503 while it is set unhealthy. The ECS emulator gives every task the public
// IP 127.0.0.1, so with container-port set to this server's port the action reaches it; the load
// balancers' health checker reaches it the same way, naming the image of the task it checks.

import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { Gate, listen } from './http-emulator.js'

export class AppServer {
  healthy = true
  hits = 0
  /** Whether the app of the task behind a check has booted: by its image for the load
   * balancers' checks, else (the action's check of a public IP) the newest task's. Default: always
   * (`npm run bench` gives apps a boot time). */
  booted: (image?: string) => boolean = () => true
  /** Commits whose tasks answer 503 to the load balancers' health checks (by their image tag). */
  readonly failingCommits = new Set<string>()
  /** The tag an image was built as, for an image deployed by its digest (the world's fake docker
   * knows which build made which digest). */
  tagOf: (image: string) => string = (image) => image
  private gate: Gate<number> | undefined
  private checks = 0

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly healthPath: string
  ) {}

  static async start(healthPath = '/health'): Promise<AppServer> {
    const { server, url } = await listen()
    const app = new AppServer(server, Number(new URL(url).port), healthPath)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void app.serve(req, res))
    return app
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.hits++
    if (!String(req.headers['user-agent']).startsWith('ELB-HealthChecker')) {
      const check = ++this.checks
      if (this.gate?.matches(check) && !(await this.gate.arrive(check))) return void res.destroy()
    }
    // The image as the task runs it (by digest, which is how ECS knows it) and as it was built.
    const deployed = String(req.headers['x-emulated-image'] ?? '')
    const image = this.tagOf(deployed)
    const failing = [...this.failingCommits].some((sha) => image.includes(`-${sha}-`))
    const ok =
      req.url === this.healthPath && this.healthy && !failing && this.booted(deployed || undefined)
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'OK' : 'not ready')
  }

  /** Holds the action's health checks (not the load balancers') that `matches` picks by their
   * number (1 for the first since start), as an emulator's gate holds requests. */
  hold(matches: (check: number) => boolean): Gate<number> {
    const gate: Gate<number> = new Gate(matches, 'before', 1, () => {
      if (this.gate === gate) this.gate = undefined
    })
    this.gate = gate
    return gate
  }

  /** How many health checks the action has sent so far. */
  get actionChecks(): number {
    return this.checks
  }

  stop(): Promise<void> {
    this.gate?.drop()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}
