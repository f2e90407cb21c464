export const id = 463;
export const ids = [463];
export const modules = {

/***/ 4463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ecsHost: () => (/* binding */ ecsHost)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/runner/core.ts
var core = __webpack_require__(1019);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/aws/errors.ts
// AWS's answers that stop a run, said in words that name what to fix: the IAM action a policy
// lacks, the cluster that does not exist, credentials that are missing, an endpoint that does not
// answer. The error keeps its name, for the callers that read it.
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
        return `AWS denied ${action}: give the role the IAM policy in the README (its "IAM policy" section)`;
    if (name === 'ClusterNotFoundException')
        return `ECS cluster "${call.cluster}" (the ecs-cluster input) does not exist in ${call.region}: check the name, and the region (aws-region or AWS_REGION)`;
    if (name === 'CredentialsProviderError')
        return `No AWS credentials for ${action}: add aws-actions/configure-aws-credentials before this step (see Credentials in the README)`;
    if (UNREACHABLE.has(name) || (code !== undefined && UNREACHABLE.has(code)))
        return `AWS ${call.service} did not answer ${call.action} in ${call.region}, after retries: check the region and the runner's network`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/aws/ecs.ts
// ECS and EC2 for one cluster: the only place their clients are made. Thin: each method is one
// API call (or one SDK waiter), decides nothing beyond reading the answer, and logs what it
// changed.





const GONE = new Set(['ServiceNotFoundException', 'ServiceNotActiveException']);
const DESCRIBE_CONCURRENCY = 4;
function chunk(items, size) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
function tagsOf(tags) {
    return Object.fromEntries((tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
}
/** Every call's error, once the SDK's retries are spent, says what to fix (see errors.ts). */
function explainErrors(stack, facts) {
    stack.add((next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            const action = String(context.commandName ?? 'a call').replace(/Command$/, '');
            throw explainAwsError(error, { ...facts, action });
        }
    }, { step: 'initialize', name: 'showtimeExplainErrors' });
}
function ecsHost(region, cluster) {
    const common = { region, maxAttempts: 5, customUserAgent: 'showtime' };
    const ecs = new dist_cjs/* ECSClient */.Zgc(common);
    const ec2 = new client_ec2_dist_cjs/* EC2Client */.gu5(common);
    explainErrors(ecs.middlewareStack, { service: 'ecs', cluster, region });
    explainErrors(ec2.middlewareStack, { service: 'ec2', cluster, region });
    return {
        async listServices() {
            const arns = [];
            for await (const page of (0,dist_cjs/* paginateListServices */.wjm)({ client: ecs, pageSize: 100 }, { cluster })) {
                arns.push(...(page.serviceArns ?? []));
            }
            // DescribeServices takes at most 10 services a call; a few calls run at once.
            const limit = (0,p_limit/* default */.A)(DESCRIBE_CONCURRENCY);
            const described = await Promise.all(chunk(arns, 10).map((services) => limit(async () => {
                const out = await ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services, include: ['TAGS'] }));
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
            const out = await ecs.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(definition));
            const arn = out.taskDefinition?.taskDefinitionArn;
            if (!arn)
                throw new Error('RegisterTaskDefinition returned no task definition ARN');
            return arn;
        },
        async describeService(name) {
            let out;
            try {
                out = await ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: [name], include: ['TAGS'] }));
            }
            catch (error) {
                // A deleted service can be purged: ECS then names it not found instead of MISSING.
                if (error.name === 'ServiceNotFoundException')
                    return { status: 'MISSING', tags: {} };
                throw error;
            }
            const service = out.services?.find((s) => s.serviceName === name);
            const status = service?.status;
            if (status === 'ACTIVE' || status === 'DRAINING' || status === 'INACTIVE') {
                return {
                    status,
                    ...(service?.taskDefinition && { taskDefinition: service.taskDefinition }),
                    tags: tagsOf(service?.tags)
                };
            }
            return { status: 'MISSING', tags: {} };
        },
        async createService(spec) {
            await ecs.send(new dist_cjs/* CreateServiceCommand */.JkR({
                cluster,
                serviceName: spec.name,
                taskDefinition: spec.taskDefinition,
                launchType: 'FARGATE',
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
                tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value }))
            }));
        },
        async updateService(name, taskDefinition) {
            await ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({
                cluster,
                service: name,
                taskDefinition,
                forceNewDeployment: true
            }));
        },
        async deleteService(name) {
            try {
                await ecs.send(new dist_cjs/* DeleteServiceCommand */.o6q({ cluster, service: name, force: true }));
                core/* info */.pq(`deleted ${name}`);
                return 'deleted';
            }
            catch (error) {
                if (!GONE.has(error.name))
                    throw error;
                core/* info */.pq(`${name} was already gone`);
                return 'absent';
            }
        },
        async waitUntilStable(name, options) {
            await (0,dist_cjs/* waitUntilServicesStable */.$AB)({
                client: ecs,
                maxWaitTime: options.timeoutSeconds,
                minDelay: options.minDelaySeconds,
                maxDelay: options.maxDelaySeconds
            }, { cluster, services: [name] });
        },
        async publicIp(name, taskDefinition) {
            const listed = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster, serviceName: name, desiredStatus: 'RUNNING' }));
            if (!listed.taskArns?.length)
                return undefined;
            const described = await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: listed.taskArns }));
            const task = described.tasks?.find((t) => t.taskDefinitionArn === taskDefinition && t.lastStatus === 'RUNNING');
            const eni = task?.attachments
                ?.flatMap((a) => a.details ?? [])
                .find((d) => d.name === 'networkInterfaceId')?.value;
            if (!eni)
                return undefined;
            const interfaces = await ec2.send(new client_ec2_dist_cjs/* DescribeNetworkInterfacesCommand */.B1p({ NetworkInterfaceIds: [eni] }));
            return interfaces.NetworkInterfaces?.[0]?.Association?.PublicIp;
        }
    };
}


/***/ })

};
