// EC2 DescribeNetworkInterfaces: the ENI of every task that has not stopped, with its public
// address unless the task has none; an ENI that is gone answers InvalidNetworkInterfaceID.NotFound.

import { AwsError } from '../aws-model.js'
import { hexOf, toXml } from '../http-emulator.js'
import { type EcsState, type EmulatedTask, dnsName, notEmulated } from './records.js'
import { tasksOf } from './tasks.js'

export function describeNetworkInterfaces(
  ecs: EcsState,
  form: Record<string, string>,
  requestId: string
): string {
  notEmulated('DescribeNetworkInterfaces', form, ['Action', 'Version', 'NetworkInterfaceId'])
  const live = new Map(
    tasksOf(ecs)
      .filter((t) => t.lastStatus !== 'STOPPED')
      .map((t) => [t.eniId, t])
  )
  const ids = Object.keys(form)
    .filter((k) => k.startsWith('NetworkInterfaceId.'))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map((k) => form[k] ?? '')
  const missing = ids.filter((id) => !live.has(id))
  if (missing.length) {
    const many = missing.length > 1
    throw new AwsError(
      'InvalidNetworkInterfaceID.NotFound',
      `The networkInterface ID${many ? 's' : ''} '${missing.join(', ')}' ${many ? 'do' : 'does'} not exist`
    )
  }
  const tasks = ids.length ? ids.map((id) => live.get(id) as EmulatedTask) : [...live.values()]
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>${requestId}</requestId>` +
    `<networkInterfaceSet>${tasks.map((t) => eniXml(ecs, t)).join('')}</networkInterfaceSet>` +
    '</DescribeNetworkInterfacesResponse>'
  )
}

function eniXml(ecs: EcsState, t: EmulatedTask): string {
  const privateDnsName = dnsName(`ip-${t.privateIp}`, `${ecs.region}.compute.internal`)
  const association =
    t.publicIp === null
      ? undefined
      : {
          publicIp: t.publicIp,
          publicDnsName: dnsName(`ec2-${t.publicIp}`, `${ecs.region}.compute.amazonaws.com`),
          ipOwnerId: 'amazon'
        }
  const eni = {
    networkInterfaceId: t.eniId,
    subnetId: t.subnetId,
    vpcId: `vpc-${hexOf(`vpc:${t.subnetId}`, 17)}`,
    availabilityZone: `${ecs.region}a`,
    description: ecs.arn(`attachment/${t.attachmentId}`),
    ownerId: ecs.accountId,
    requesterManaged: true,
    status: 'in-use',
    macAddress: t.mac,
    privateIpAddress: t.privateIp,
    privateDnsName,
    groupSet: t.securityGroups.map((g) => ({ groupId: g, groupName: g })),
    attachment: {
      attachmentId: `ela-attach-${hexOf(`attach:${t.eniId}`, 17)}`,
      status: 'attached',
      attachTime: new Date(t.createdAtMs).toISOString()
    },
    association,
    privateIpAddressesSet: [
      { privateIpAddress: t.privateIp, privateDnsName, primary: true, association }
    ],
    interfaceType: 'interface'
  }
  return `<item>${toXml(eni, 'item')}</item>`
}
