export const id = 32;
export const ids = [32];
export const modules = {

/***/ 1032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ecsHost: () => (/* binding */ ecsHost)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(212);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5193);
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1019);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(370);
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
function ecsHost(region, cluster) {
    const common = { region, maxAttempts: 5, customUserAgent: 'showtime' };
    const ecs = new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .ECSClient */ .Zgc(common);
    const ec2 = new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .EC2Client */ .gu5(common);
    return {
        async listServices() {
            const arns = [];
            for await (const page of (0,_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .paginateListServices */ .wjm)({ client: ecs, pageSize: 100 }, { cluster })) {
                arns.push(...(page.serviceArns ?? []));
            }
            // DescribeServices takes at most 10 services a call; a few calls run at once.
            const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A)(DESCRIBE_CONCURRENCY);
            const described = await Promise.all(chunk(arns, 10).map((services) => limit(async () => {
                const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .DescribeServicesCommand */ .H7c({ cluster, services, include: ['TAGS'] }));
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
            const out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .RegisterTaskDefinitionCommand */ .$Hl(definition));
            const arn = out.taskDefinition?.taskDefinitionArn;
            if (!arn)
                throw new Error('RegisterTaskDefinition returned no task definition ARN');
            return arn;
        },
        async describeService(name) {
            let out;
            try {
                out = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .DescribeServicesCommand */ .H7c({ cluster, services: [name], include: ['TAGS'] }));
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
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .CreateServiceCommand */ .JkR({
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
                        assignPublicIp: 'ENABLED'
                    }
                },
                tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value }))
            }));
        },
        async updateService(name, taskDefinition) {
            await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .UpdateServiceCommand */ .kZr({
                cluster,
                service: name,
                taskDefinition,
                forceNewDeployment: true
            }));
        },
        async deleteService(name) {
            try {
                await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .DeleteServiceCommand */ .o6q({ cluster, service: name, force: true }));
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
        async waitUntilStable(name, options) {
            await (0,_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .waitUntilServicesStable */ .$AB)({
                client: ecs,
                maxWaitTime: options.timeoutSeconds,
                minDelay: options.minDelaySeconds,
                maxDelay: options.maxDelaySeconds
            }, { cluster, services: [name] });
        },
        async publicIp(name, taskDefinition) {
            const listed = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .ListTasksCommand */ .MYg({ cluster, serviceName: name, desiredStatus: 'RUNNING' }));
            if (!listed.taskArns?.length)
                return undefined;
            const described = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: listed.taskArns }));
            const task = described.tasks?.find((t) => t.taskDefinitionArn === taskDefinition && t.lastStatus === 'RUNNING');
            const eni = task?.attachments
                ?.flatMap((a) => a.details ?? [])
                .find((d) => d.name === 'networkInterfaceId')?.value;
            if (!eni)
                return undefined;
            const interfaces = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeNetworkInterfacesCommand */ .B1p({ NetworkInterfaceIds: [eni] }));
            return interfaces.NetworkInterfaces?.[0]?.Association?.PublicIp;
        }
    };
}


/***/ })

};
