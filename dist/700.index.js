export const id = 700;
export const ids = [700];
export const modules = {

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


/***/ }),

/***/ 700:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadBalancerHost: () => (/* binding */ loadBalancerHost)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(586);
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1019);
/* harmony import */ var _domain_load_balancer_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6013);
/* harmony import */ var _domain_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3005);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9378);
// The shared Application Load Balancer: the only place the ELBv2 client is made, loaded with its
// SDK only by the runs that use a load balancer. Thin: each method is one API call (or the pages
// of one), translates Showtime's routes into ELB's conditions and actions and back, logs what it
// changed, and decides nothing. Its errors say what to fix, as the ECS client's do (errors.ts).





/** DescribeTags takes at most 20 resources a call; DescribeRules and DescribeTargetGroups pages
 * hold at most 400. */
const TAGS_PER_CALL = 20;
const PAGE_SIZE = 400;
const HEALTH_CHECK_TIMEOUT_MAX = 10;
const DEREGISTRATION_DELAY = 'deregistration_delay.timeout_seconds';
const HOST_HEADER = 'host-header';
const HTTP_HEADER = 'http-header';
const SOURCE_IP = 'source-ip';
function chunk(items, size) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
function tagMap(tags) {
    return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}
function tagList(tags) {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
function conditionsOf(route) {
    return [
        { Field: HOST_HEADER, HostHeaderConfig: { Values: [route.host] } },
        ...(route.sourceCidrs === undefined
            ? []
            : [{ Field: SOURCE_IP, SourceIpConfig: { Values: [...route.sourceCidrs] } }]),
        ...(route.pendingSha === undefined
            ? []
            : [
                {
                    Field: HTTP_HEADER,
                    HttpHeaderConfig: { HttpHeaderName: _domain_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .PENDING_HEADER */ .Os, Values: [route.pendingSha] }
                }
            ])
    ];
}
/** The rule's actions: the forward, after the sign-in when there is one. The sign-in carries its
 * client secret on every write, ModifyRule's too: ELB requires the secret to create a rule and
 * takes a modify without it only with UseExistingClientSecret true (API reference,
 * AuthenticateOidcActionConfig.ClientSecret), and it never returns the secret to compare. */
function actionsOf(route, signIn) {
    const forward = {
        Type: 'forward',
        ForwardConfig: {
            TargetGroups: route.forward.map((t) => ({ TargetGroupArn: t.arn, Weight: t.weight }))
        }
    };
    return signIn === undefined
        ? [forward]
        : [
            { ...signIn, Order: 1 },
            { ...forward, Order: 2 }
        ];
}
/** A rule as ELB describes it, in Showtime's terms. */
function ruleFacts(rule) {
    const conditions = rule.Conditions ?? [];
    const hosts = conditions
        .filter((c) => c.Field === HOST_HEADER)
        .flatMap((c) => c.HostHeaderConfig?.Values ?? c.Values ?? []);
    const pending = conditions.find((c) => c.Field === HTTP_HEADER &&
        c.HttpHeaderConfig?.HttpHeaderName?.toLowerCase() === _domain_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .PENDING_HEADER */ .Os.toLowerCase())?.HttpHeaderConfig?.Values?.[0];
    const sourceCidrs = conditions
        .filter((c) => c.Field === SOURCE_IP)
        .flatMap((c) => c.SourceIpConfig?.Values ?? c.Values ?? []);
    const forward = (rule.Actions ?? [])
        .filter((a) => a.Type === 'forward')
        .flatMap((a) => a.ForwardConfig?.TargetGroups?.length
        ? a.ForwardConfig.TargetGroups.map((t) => ({
            arn: t.TargetGroupArn ?? '',
            weight: t.Weight ?? 1
        }))
        : a.TargetGroupArn
            ? [{ arn: a.TargetGroupArn, weight: 1 }]
            : []);
    const signIn = (rule.Actions ?? []).find((a) => a.Type?.startsWith('authenticate-'))?.Type;
    const priority = Number(rule.Priority);
    return {
        arn: rule.RuleArn ?? '',
        ...(rule.IsDefault || !Number.isInteger(priority) ? {} : { priority }),
        host: hosts[0] ?? '',
        hosts,
        ...(pending !== undefined && { pendingSha: pending }),
        ...(sourceCidrs.length > 0 && { sourceCidrs }),
        ...(signIn !== undefined && { signIn }),
        forward
    };
}
function named(error, ...names) {
    return names.includes(error.name);
}
/** The load balancer behind `listenerArn`; with `signIn`, every rule it writes signs users in
 * before it forwards. */
function loadBalancerHost(region, listenerArn, signIn) {
    const elb = new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .ElasticLoadBalancingV2Client */ .MlD({
        region,
        maxAttempts: 5,
        customUserAgent: 'showtime'
    });
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .explainErrors */ .$)(elb, { service: 'elasticloadbalancing', region, listener: listenerArn });
    return {
        async describeListener() {
            const listeners = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeListenersCommand */ .AKE({ ListenerArns: [listenerArn] }));
            const listener = listeners.Listeners?.[0];
            if (!listener?.LoadBalancerArn)
                throw new Error(`listener ${listenerArn} was not found`);
            const balancers = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeLoadBalancersCommand */ .AZi({ LoadBalancerArns: [listener.LoadBalancerArn] }));
            const vpcId = balancers.LoadBalancers?.[0]?.VpcId;
            if (!vpcId)
                throw new Error(`the load balancer of ${listenerArn} has no VPC`);
            return { protocol: listener.Protocol ?? '', vpcId, loadBalancerArn: listener.LoadBalancerArn };
        },
        async listRules(listener = listenerArn) {
            const rules = [];
            for await (const page of (0,_aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .paginateDescribeRules */ .u6y)({ client: elb, pageSize: PAGE_SIZE }, { ListenerArn: listener })) {
                rules.push(...(page.Rules ?? []).map(ruleFacts));
            }
            return rules;
        },
        async listenersOf(loadBalancerArn) {
            const arns = [];
            for await (const page of (0,_aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .paginateDescribeListeners */ .GZx)({ client: elb, pageSize: PAGE_SIZE }, { LoadBalancerArn: loadBalancerArn })) {
                for (const listener of page.Listeners ?? [])
                    if (listener.ListenerArn)
                        arns.push(listener.ListenerArn);
            }
            return arns;
        },
        async accountLimits() {
            const limits = new Map();
            for await (const page of (0,_aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .paginateDescribeAccountLimits */ .e0i)({ client: elb, pageSize: PAGE_SIZE }, {})) {
                for (const limit of page.Limits ?? []) {
                    const max = Number(limit.Max);
                    if (limit.Name && Number.isFinite(max))
                        limits.set(limit.Name, max);
                }
            }
            return limits;
        },
        async tagsOf(arns) {
            const tags = new Map();
            for (const resources of chunk(arns, TAGS_PER_CALL)) {
                const out = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeTagsCommand */ .yRM({ ResourceArns: resources }));
                for (const description of out.TagDescriptions ?? []) {
                    if (description.ResourceArn)
                        tags.set(description.ResourceArn, tagMap(description.Tags));
                }
            }
            return tags;
        },
        async resourceTags(arn) {
            try {
                return (await this.tagsOf([arn])).get(arn) ?? {};
            }
            catch (error) {
                if (named(error, 'RuleNotFoundException', 'TargetGroupNotFoundException'))
                    return undefined;
                throw error;
            }
        },
        async createTargetGroup(spec) {
            const interval = spec.healthIntervalSeconds;
            const create = new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .CreateTargetGroupCommand */ .GGF({
                Name: spec.name,
                TargetType: 'ip',
                Protocol: 'HTTP',
                Port: spec.port,
                VpcId: spec.vpcId,
                HealthCheckProtocol: 'HTTP',
                HealthCheckPath: spec.healthPath,
                HealthCheckIntervalSeconds: interval,
                HealthCheckTimeoutSeconds: Math.min(HEALTH_CHECK_TIMEOUT_MAX, interval - 1),
                HealthyThresholdCount: 2,
                UnhealthyThresholdCount: 2,
                Matcher: { HttpCode: '200' },
                Tags: tagList(spec.tags)
            });
            let out;
            try {
                out = await elb.send(create);
            }
            catch (error) {
                // The same name with other settings (an earlier deploy's health interval, say): reuse it.
                if (!named(error, 'DuplicateTargetGroupNameException'))
                    throw error;
                const existing = await this.findTargetGroup(spec.name);
                if (existing === undefined)
                    throw error;
                return existing.arn;
            }
            const arn = out.TargetGroups?.[0]?.TargetGroupArn;
            if (!arn)
                throw new Error('CreateTargetGroup returned no target group ARN');
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`created the target group ${spec.name}`);
            return arn;
        },
        async findTargetGroup(name) {
            try {
                const out = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeTargetGroupsCommand */ .sC7({ Names: [name] }));
                const group = out.TargetGroups?.[0];
                return group?.TargetGroupArn ? { arn: group.TargetGroupArn, name } : undefined;
            }
            catch (error) {
                if (named(error, 'TargetGroupNotFoundException'))
                    return undefined;
                throw error;
            }
        },
        async listTargetGroups(loadBalancerArn) {
            const groups = [];
            for await (const page of (0,_aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .paginateDescribeTargetGroups */ .u_3)({ client: elb, pageSize: PAGE_SIZE }, loadBalancerArn === undefined ? {} : { LoadBalancerArn: loadBalancerArn })) {
                for (const group of page.TargetGroups ?? []) {
                    if (group.TargetGroupArn && group.TargetGroupName)
                        groups.push({ arn: group.TargetGroupArn, name: group.TargetGroupName });
                }
            }
            return groups;
        },
        async deleteTargetGroup({ id: arn, name }) {
            try {
                await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DeleteTargetGroupCommand */ .tX({ TargetGroupArn: arn }));
            }
            catch (error) {
                if (!named(error, 'TargetGroupNotFoundException'))
                    throw error;
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`the target group ${name} was already gone`);
                return 'absent';
            }
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`deleted the target group ${name}`);
            return 'deleted';
        },
        async targetHealth(targetGroupArn) {
            const out = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeTargetHealthCommand */ .qyg({ TargetGroupArn: targetGroupArn }));
            return (out.TargetHealthDescriptions ?? []).map((d) => ({
                id: `${d.Target?.Id ?? '?'}:${d.Target?.Port ?? '?'}`,
                state: (d.TargetHealth?.State ?? 'unavailable'),
                ...(d.TargetHealth?.Reason && { reason: d.TargetHealth.Reason })
            }));
        },
        async setDeregistrationDelay({ id: arn, name }, seconds) {
            await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .ModifyTargetGroupAttributesCommand */ .fHb({
                TargetGroupArn: arn,
                Attributes: [{ Key: DEREGISTRATION_DELAY, Value: String(seconds) }]
            }));
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`the target group ${name} drains deregistered targets for ${seconds} s`);
        },
        async createRule(route, priority, tags) {
            try {
                const out = await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .CreateRuleCommand */ .OOk({
                    ListenerArn: listenerArn,
                    Priority: priority,
                    Conditions: conditionsOf(route),
                    Actions: actionsOf(route, signIn),
                    Tags: tagList(tags)
                }));
                const arn = out.Rules?.[0]?.RuleArn;
                if (!arn)
                    throw new Error('CreateRule returned no rule ARN');
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`created the listener rule for ${route.host} (priority ${priority}): it ${(0,_domain_load_balancer_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(route, signIn)}`);
                return arn;
            }
            catch (error) {
                if (named(error, 'PriorityInUseException'))
                    return 'priority-in-use';
                throw error;
            }
        },
        async modifyRule({ id: arn }, route) {
            await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .ModifyRuleCommand */ .y5P({
                RuleArn: arn,
                Conditions: conditionsOf(route),
                Actions: actionsOf(route, signIn)
            }));
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`the listener rule for ${route.host} now ${(0,_domain_load_balancer_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(route, signIn)}`);
        },
        async deleteRule({ id: arn, name: host }) {
            try {
                await elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DeleteRuleCommand */ .piX({ RuleArn: arn }));
            }
            catch (error) {
                if (!named(error, 'RuleNotFoundException'))
                    throw error;
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`the listener rule for ${host} was already gone`);
                return 'absent';
            }
            _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`deleted the listener rule for ${host}`);
            return 'deleted';
        }
    };
}


/***/ })

};
