// AWS's answers that stop a run, said in words that name what to fix: the IAM action a policy
// lacks, the cluster or listener that does not exist, credentials that are missing, an endpoint
// that does not answer. The error keeps its name, for the callers that read it. Every client
// (ECS, EC2, the load balancer's) gets the same middleware, so that no call escapes it.

import type { InitializeMiddleware, MetadataBearer } from '@smithy/types'

export interface CallFacts {
  /** The service as IAM names it: `ecs`, `ec2`, `elasticloadbalancing`. */
  readonly service: string
  /** The API action, such as CreateService. */
  readonly action: string
  readonly region: string
  /** The cluster of the ecs-cluster input (ECS and EC2 calls). */
  readonly cluster?: string
  /** The listener of the load-balancer-listener-arn input (load balancer calls). */
  readonly listener?: string
}

const DENIED = new Set(['AccessDeniedException', 'UnauthorizedOperation', 'AccessDenied'])
const UNREACHABLE = new Set([
  'TimeoutError',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ETIMEDOUT'
])

export function explainAwsError(error: unknown, call: CallFacts): unknown {
  if (!(error instanceof Error)) return error
  const code = (error as { code?: string }).code
  const said = explanation(error.name, code, call)
  if (said !== undefined) error.message = `${said} (${error.name}: ${error.message})`
  return error
}

function explanation(name: string, code: string | undefined, call: CallFacts): string | undefined {
  const action = `${call.service}:${call.action}`
  if (DENIED.has(name))
    return `AWS denied ${action}: give the role the IAM policy of docs/aws-setup.md ("IAM policy")`
  if (name === 'ClusterNotFoundException')
    return `ECS cluster "${call.cluster}" (the ecs-cluster input) does not exist in ${call.region}: check the name, and the region (aws-region or AWS_REGION)`
  if (name === 'ListenerNotFoundException')
    return `the listener "${call.listener}" (the load-balancer-listener-arn input) does not exist in ${call.region}: check the ARN, and the region (aws-region or AWS_REGION)`
  if (name === 'CredentialsProviderError')
    return `No AWS credentials for ${action}: add aws-actions/configure-aws-credentials before this step (see Credentials in docs/aws-setup.md)`
  if (UNREACHABLE.has(name) || (code !== undefined && UNREACHABLE.has(code)))
    return `AWS ${call.service} did not answer ${call.action} in ${call.region}, after retries: check the region and the runner's network`
  return undefined
}

/** An SDK client, as far as adding a middleware goes (each client types its stack its own way). */
interface SdkClient {
  readonly middlewareStack: { add(middleware: never, options: never): void }
}

/** Every call's error, once the SDK's retries are spent, says what to fix. */
export function explainErrors(client: SdkClient, facts: Omit<CallFacts, 'action'>): void {
  const middleware: InitializeMiddleware<object, MetadataBearer> =
    (next, context) => async (args) => {
      try {
        return await next(args)
      } catch (error) {
        const action = String(context.commandName ?? 'a call').replace(/Command$/, '')
        throw explainAwsError(error, { ...facts, action })
      }
    }
  client.middlewareStack.add(
    middleware as never,
    { step: 'initialize', name: 'showtimeExplainErrors' } as never
  )
}
