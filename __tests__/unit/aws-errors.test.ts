// AWS's answers, said in words that name what to fix, for every client alike (ECS, EC2 and the
// load balancer's): the IAM action, the cluster or listener input, the credentials, the network.

import { describe, expect, it } from 'vitest'
import { type CallFacts, explainAwsError } from '../../src/aws/errors.js'

const named = (name: string, message: string, code?: string) =>
  Object.assign(new Error(message), { name }, code === undefined ? {} : { code })

const ecs: CallFacts = {
  service: 'ecs',
  action: 'CreateService',
  region: 'us-west-2',
  cluster: 'previews'
}
const elb: CallFacts = {
  service: 'elasticloadbalancing',
  action: 'CreateTargetGroup',
  region: 'eu-west-1',
  listener: 'arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x/y/z'
}

describe('an error AWS answered', () => {
  it.each<[string, Error, CallFacts, string]>([
    [
      'ECS AccessDenied',
      named('AccessDeniedException', 'User is not authorized'),
      ecs,
      'AWS denied ecs:CreateService: give the role the IAM policy of docs/aws-setup.md ("IAM policy") (AccessDeniedException: User is not authorized)'
    ],
    [
      'the load balancer’s AccessDenied',
      named('AccessDenied', 'User: arn:aws:sts::1:assumed-role/r is not authorized'),
      elb,
      'AWS denied elasticloadbalancing:CreateTargetGroup: give the role the IAM policy of docs/aws-setup.md ("IAM policy") (AccessDenied: User: arn:aws:sts::1:assumed-role/r is not authorized)'
    ],
    [
      'EC2 UnauthorizedOperation',
      named('UnauthorizedOperation', 'You are not authorized'),
      { ...ecs, service: 'ec2', action: 'DescribeNetworkInterfaces' },
      'AWS denied ec2:DescribeNetworkInterfaces: give the role the IAM policy of docs/aws-setup.md ("IAM policy") (UnauthorizedOperation: You are not authorized)'
    ],
    [
      'an unknown cluster',
      named('ClusterNotFoundException', 'Cluster not found.'),
      ecs,
      'ECS cluster "previews" (the ecs-cluster input) does not exist in us-west-2: check the name, and the region (aws-region or AWS_REGION) (ClusterNotFoundException: Cluster not found.)'
    ],
    [
      'an unknown listener',
      named('ListenerNotFoundException', 'One or more listeners not found'),
      elb,
      'the listener "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x/y/z" (the load-balancer-listener-arn input) does not exist in eu-west-1: check the ARN, and the region (aws-region or AWS_REGION) (ListenerNotFoundException: One or more listeners not found)'
    ],
    [
      'no credentials',
      named('CredentialsProviderError', 'Could not load credentials'),
      elb,
      'No AWS credentials for elasticloadbalancing:CreateTargetGroup: add aws-actions/configure-aws-credentials before this step (see Credentials in docs/aws-setup.md) (CredentialsProviderError: Could not load credentials)'
    ],
    [
      'no answer',
      named('Error', 'connect ECONNREFUSED', 'ECONNREFUSED'),
      elb,
      "AWS elasticloadbalancing did not answer CreateTargetGroup in eu-west-1, after retries: check the region and the runner's network (Error: connect ECONNREFUSED)"
    ]
  ])('%s: says what to fix and keeps the name', (_, error, call, message) => {
    const explained = explainAwsError(error, call) as Error
    expect(explained.message).toBe(message)
    expect(explained.name).toBe(error.name)
  })

  it('leaves an error it has nothing to add to as it is', () => {
    const error = named(
      'DuplicateTargetGroupNameException',
      'A target group with the same name exists'
    )
    expect((explainAwsError(error, elb) as Error).message).toBe(
      'A target group with the same name exists'
    )
    expect(explainAwsError('not an Error', elb)).toBe('not an Error')
  })
})
