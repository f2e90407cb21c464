export const id = 817;
export const ids = [817];
export const modules = {

/***/ 3817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   requestMetrics: () => (/* binding */ requestMetrics)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4085);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
// CloudWatch, for one question: how many requests the load balancer sent to each of some target
// groups in a window (`AWS/ApplicationELB` `RequestCount`, Sum). One GetMetricData call answers
// up to 500 of them; the SDK's paginator follows NextToken. Thin: it sums what CloudWatch answers
// and decides nothing (domain/sleep.ts does). A group that served nothing has no datapoint: 0.


/** GetMetricData takes at most 500 queries a call. */
const QUERIES_PER_CALL = 500;
function requestMetrics(region) {
    const cloudwatch = new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_1__/* .CloudWatchClient */ .WBn({ region, maxAttempts: 5, customUserAgent: 'showtime' });
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainErrors */ .$)(cloudwatch, { service: 'cloudwatch', region });
    return {
        async requestCounts(queries, window) {
            const counts = new Map();
            for (let start = 0; start < queries.length; start += QUERIES_PER_CALL) {
                const batch = queries.slice(start, start + QUERIES_PER_CALL);
                // Query ids must start with a lower-case letter: `q{index}` maps back to each key.
                const keys = new Map(batch.map((q, index) => [`q${start + index}`, q.key]));
                const pages = (0,_aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_1__/* .paginateGetMetricData */ .stM)({ client: cloudwatch }, {
                    StartTime: new Date(window.from),
                    EndTime: new Date(window.to),
                    ScanBy: 'TimestampDescending',
                    MetricDataQueries: batch.map((q, index) => ({
                        Id: `q${start + index}`,
                        ReturnData: true,
                        MetricStat: {
                            Metric: {
                                Namespace: 'AWS/ApplicationELB',
                                MetricName: 'RequestCount',
                                Dimensions: [
                                    { Name: 'TargetGroup', Value: q.dimensions.TargetGroup },
                                    { Name: 'LoadBalancer', Value: q.dimensions.LoadBalancer }
                                ]
                            },
                            Period: window.periodSeconds,
                            Stat: 'Sum'
                        }
                    }))
                });
                for (const key of keys.values())
                    counts.set(key, 0);
                for await (const page of pages) {
                    for (const result of page.MetricDataResults ?? []) {
                        const key = keys.get(result.Id ?? '');
                        if (key === undefined)
                            continue;
                        const sum = (result.Values ?? []).reduce((a, b) => a + b, 0);
                        counts.set(key, (counts.get(key) ?? 0) + sum);
                    }
                }
            }
            return counts;
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
