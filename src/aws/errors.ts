// AWS's answers that stop a run, said in words that name what to fix: the IAM action a policy
// lacks, the cluster that does not exist, credentials that are missing, an endpoint that does not
// answer. The error keeps its name, for the callers that read it.

export interface CallFacts {
  /** `ecs` or `ec2`, as IAM names the service. */
  readonly service: string
  /** The API action, such as CreateService. */
  readonly action: string
  readonly cluster: string
  readonly region: string
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
    return `AWS denied ${action}: give the role the IAM policy in the README (its "IAM policy" section)`
  if (name === 'ClusterNotFoundException')
    return `ECS cluster "${call.cluster}" (the ecs-cluster input) does not exist in ${call.region}: check the name, and the region (aws-region or AWS_REGION)`
  if (name === 'CredentialsProviderError')
    return `No AWS credentials for ${action}: add aws-actions/configure-aws-credentials before this step (see Credentials in the README)`
  if (UNREACHABLE.has(name) || (code !== undefined && UNREACHABLE.has(code)))
    return `AWS ${call.service} did not answer ${call.action} in ${call.region}, after retries: check the region and the runner's network`
  return undefined
}
