export const id = 32;
export const ids = [32];
export const modules = {

/***/ 1032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ecsHost: () => (/* binding */ ecsHost)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(212);
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1019);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(370);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
// ECS and EC2 for one cluster: the only place their clients are made. Thin: each method is one
// API call (or one SDK waiter), decides nothing beyond reading the answer, and logs what it
// changed. EC2 answers one question, a task's public address, which only the health check of a
// task with a public IP asks: its SDK is imported at that first question, in a chunk of its own.




const GONE = new Set(['ServiceNotFoundException', 'ServiceNotActiveException']);
const DESCRIBE_CONCURRENCY = 4;
function chunk(items, size) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
/** The request members of a placement, as the SDK types them. */
function strategyOf(placement) {
    return 'launchType' in placement
        ? { launchType: placement.launchType }
        : { capacityProviderStrategy: placement.capacityProviderStrategy.map((item) => ({ ...item })) };
}
function tagsOf(tags) {
    return Object.fromEntries((tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
}
/** A task as DescribeTasks describes it. */
function taskFacts(task) {
    const details = task.attachments?.flatMap((a) => a.details ?? []) ?? [];
    const detail = (name) => details.find((d) => d.name === name)?.value;
    const privateIp = detail('privateIPv4Address');
    const networkInterfaceId = detail('networkInterfaceId');
    return {
        arn: task.taskArn ?? '',
        taskDefinition: task.taskDefinitionArn ?? '',
        lastStatus: task.lastStatus ?? '',
        desiredStatus: task.desiredStatus ?? '',
        ...(privateIp && { privateIp }),
        ...(networkInterfaceId && { networkInterfaceId }),
        ...(task.stopCode && { stopCode: task.stopCode }),
        ...(task.stoppedReason && { stoppedReason: task.stoppedReason }),
        ...(task.stoppedAt && { stoppedAt: task.stoppedAt.getTime() }),
        containers: (task.containers ?? []).map((c) => ({
            name: c.name ?? '',
            ...(c.exitCode !== undefined && { exitCode: c.exitCode }),
            ...(c.reason && { reason: c.reason })
        }))
    };
}
/** A service as DescribeServices describes it: its status, task definition and tags. */
function infoOf(service) {
    const status = service?.status;
    if (status === 'ACTIVE' || status === 'DRAINING' || status === 'INACTIVE') {
        return {
            status,
            ...(service?.taskDefinition && { taskDefinition: service.taskDefinition }),
            tags: tagsOf(service?.tags)
        };
    }
    return { status: 'MISSING', tags: {} };
}
async function ec2Client(config, facts) {
    const sdk = await __webpack_require__.e(/* import() */ 193).then(__webpack_require__.t.bind(__webpack_require__, 5193, 19));
    const client = new sdk.EC2Client(config);
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainErrors */ .$)(client, facts);
    return { client, DescribeNetworkInterfacesCommand: sdk.DescribeNetworkInterfacesCommand };
}
function ecsHost(region, cluster) {
    const common = { region, maxAttempts: 5, customUserAgent: 'showtime' };
    const ecs = new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ECSClient */ .Zgc(common);
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainErrors */ .$)(ecs, { service: 'ecs', cluster, region });
    let ec2;
    const loadEc2 = () => (ec2 ??= ec2Client(common, { service: 'ec2', cluster, region }));
    return {
        async listServices() {
            const arns = [];
            for await (const page of (0,_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .paginateListServices */ .wjm)({ client: ecs, pageSize: 100 }, { cluster })) {
                arns.push(...(page.serviceArns ?? []));
            }
            // DescribeServices takes at most 10 services a call; a few calls run at once.
            const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A)(DESCRIBE_CONCURRENCY);
            const described = await Promise.all(chunk(arns, 10).map((services) => limit(async () => {
                const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services, include: ['TAGS'] }));
                return out.services ?? [];
            })));
            return described.flat().flatMap((s) => s.serviceName && s.status === 'ACTIVE'
                ? [
                    {
                        name: s.serviceName,
                        ...(s.createdAt && { createdAt: s.createdAt.getTime() }),
                        tags: tagsOf(s.tags)
                    }
                ]
                : []);
        },
        async registerTaskDefinition(definition) {
            const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .RegisterTaskDefinitionCommand */ .$Hl(definition));
            const arn = out.taskDefinition?.taskDefinitionArn;
            if (!arn)
                throw new Error('RegisterTaskDefinition returned no task definition ARN');
            return arn;
        },
        async describeService(name) {
            let out;
            try {
                out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services: [name], include: ['TAGS'] }));
            }
            catch (error) {
                // A deleted service can be purged: ECS then names it not found instead of MISSING.
                if (error.name === 'ServiceNotFoundException')
                    return { status: 'MISSING', tags: {} };
                throw error;
            }
            return infoOf(out.services?.find((s) => s.serviceName === name));
        },
        async describeServices(names) {
            const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A)(DESCRIBE_CONCURRENCY);
            const described = await Promise.all(chunk([...new Set(names)], 10).map((services) => limit(async () => {
                try {
                    const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services, include: ['TAGS'] }));
                    return services.map((name) => [
                        name,
                        infoOf(out.services?.find((s) => s.serviceName === name))
                    ]);
                }
                catch (error) {
                    // One purged service fails the whole call: each is described on its own then.
                    if (error.name !== 'ServiceNotFoundException')
                        throw error;
                    return Promise.all(services.map(async (name) => [name, await this.describeService(name)]));
                }
            })));
            return new Map(described.flat());
        },
        async createService(spec) {
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .CreateServiceCommand */ .JkR({
                cluster,
                serviceName: spec.name,
                taskDefinition: spec.taskDefinition,
                ...strategyOf(spec.placement),
                platformVersion: 'LATEST',
                desiredCount: 1,
                networkConfiguration: {
                    awsvpcConfiguration: {
                        subnets: [...spec.subnets],
                        securityGroups: [...spec.securityGroups],
                        assignPublicIp: spec.assignPublicIp ? 'ENABLED' : 'DISABLED'
                    }
                },
                ...(spec.loadBalancer && {
                    loadBalancers: [
                        {
                            targetGroupArn: spec.loadBalancer.targetGroupArn,
                            containerName: spec.loadBalancer.containerName,
                            containerPort: spec.loadBalancer.containerPort
                        }
                    ],
                    healthCheckGracePeriodSeconds: spec.loadBalancer.healthCheckGracePeriodSeconds
                }),
                tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
                // The tasks carry the service's tags (its PR among them) for cost allocation, and ECS's
                // own cluster and service tags beside them.
                propagateTags: 'SERVICE',
                enableECSManagedTags: true
            }));
        },
        async updateService({ id: name }, taskDefinition, placement) {
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .UpdateServiceCommand */ .kZr({
                cluster,
                service: name,
                taskDefinition,
                ...(placement && 'capacityProviderStrategy' in placement && strategyOf(placement)),
                forceNewDeployment: true
            }));
        },
        async scaleService({ id: name }, taskDefinition, desiredCount) {
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .UpdateServiceCommand */ .kZr({ cluster, service: name, taskDefinition, desiredCount }));
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`scaled ${name} to ${desiredCount} tasks`);
        },
        async serviceEvents(name) {
            const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services: [name] }));
            const service = out.services?.find((s) => s.serviceName === name);
            return (service?.events ?? []).map((e) => ({
                createdAt: e.createdAt?.getTime() ?? 0,
                message: e.message ?? ''
            }));
        },
        async deleteService({ id: name }) {
            try {
                await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DeleteServiceCommand */ .o6q({ cluster, service: name, force: true }));
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`deleted ${name}`);
                return 'deleted';
            }
            catch (error) {
                if (!GONE.has(error.name))
                    throw error;
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${name} was already gone`);
                return 'absent';
            }
        },
        async deregisterTaskDefinition(arn) {
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DeregisterTaskDefinitionCommand */ .sjB({ taskDefinition: arn }));
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`deregistered ${arn}`);
        },
        async serviceTasks(name) {
            const listed = await Promise.all(['RUNNING', 'STOPPED'].map((desiredStatus) => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ListTasksCommand */ .MYg({ cluster, serviceName: name, desiredStatus }))));
            // A task that stops between the two lists is in both: it is described once.
            const arns = [...new Set(listed.flatMap((out) => out.taskArns ?? []))];
            // DescribeTasks takes at most 100 tasks a call.
            const described = await Promise.all(chunk(arns, 100).map((tasks) => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeTasksCommand */ .z8X({ cluster, tasks }))));
            return described.flatMap((out) => out.tasks ?? []).map(taskFacts);
        },
        async publicIpOf(networkInterfaceId) {
            const { client, DescribeNetworkInterfacesCommand } = await loadEc2();
            try {
                const interfaces = await client.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [networkInterfaceId] }));
                return interfaces.NetworkInterfaces?.[0]?.Association?.PublicIp;
            }
            catch (error) {
                // The task stopped since it was described: its interface went with it.
                if (error.name === 'InvalidNetworkInterfaceID.NotFound')
                    return undefined;
                throw error;
            }
        }
    };
}


/***/ }),

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ explainErrors)
/* harmony export */ });
/* unused harmony export explainAwsError */
// AWS's answers that stop a run, said in words that name what to fix: the IAM action a policy
// lacks, the cluster or listener that does not exist, credentials that are missing, an endpoint
// that does not answer. The error keeps its name, for the callers that read it. Every client
// (ECS, EC2, the load balancer's) gets the same middleware, so that no call escapes it.
const DENIED = new Set(['AccessDeniedException', 'UnauthorizedOperation', 'AccessDenied']);
const UNREACHABLE = new Set([
    'TimeoutError',
    'ECONNREFUSED',
    'ENOTFOUND',
    'ECONNRESET',
    'EHOSTUNREACH',
    'ETIMEDOUT'
]);
function explainAwsError(error, call) {
    if (!(error instanceof Error))
        return error;
    const code = error.code;
    const said = explanation(error.name, code, call);
    if (said !== undefined)
        error.message = `${said} (${error.name}: ${error.message})`;
    return error;
}
function explanation(name, code, call) {
    const action = `${call.service}:${call.action}`;
    if (DENIED.has(name))
        return `AWS denied ${action}: give the role the IAM policy of docs/aws-setup.md ("IAM policy")`;
    if (name === 'ClusterNotFoundException')
        return `ECS cluster "${call.cluster}" (the ecs-cluster input) does not exist in ${call.region}: check the name, and the region (aws-region or AWS_REGION)`;
    if (name === 'ListenerNotFoundException')
        return `the listener "${call.listener}" (the load-balancer-listener-arn input) does not exist in ${call.region}: check the ARN, and the region (aws-region or AWS_REGION)`;
    if (name === 'CredentialsProviderError')
        return `No AWS credentials for ${action}: add aws-actions/configure-aws-credentials before this step (see Credentials in docs/aws-setup.md)`;
    if (UNREACHABLE.has(name) || (code !== undefined && UNREACHABLE.has(code)))
        return `AWS ${call.service} did not answer ${call.action} in ${call.region}, after retries: check the region and the runner's network`;
    return undefined;
}
/** Every call's error, once the SDK's retries are spent, says what to fix. */
function explainErrors(client, facts) {
    const middleware = (next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            const action = String(context.commandName ?? 'a call').replace(/Command$/, '');
            throw explainAwsError(error, { ...facts, action });
        }
    };
    client.middlewareStack.add(middleware, { step: 'initialize', name: 'showtimeExplainErrors' });
}


/***/ })

};
