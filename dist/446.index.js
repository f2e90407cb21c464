export const id = 446;
export const ids = [446];
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

/***/ 446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cloudWatchLogs: () => (/* binding */ cloudWatchLogs),
/* harmony export */   simulatedLogs: () => (/* binding */ simulatedLogs)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(303);
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1019);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
// CloudWatch Logs: the last lines of one task's log stream, for the comment of a failed deploy.
// One call; a stream that does not exist (the container never wrote a line) has no lines.



function cloudWatchLogs(region) {
    const client = new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .CloudWatchLogsClient */ .TFr({ region, maxAttempts: 5, customUserAgent: 'showtime' });
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainErrors */ .$)(client, { service: 'logs', region });
    return {
        async lastEvents(group, stream, limit) {
            try {
                const out = await client.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .GetLogEventsCommand */ .h7S({
                    logGroupName: group,
                    logStreamName: stream,
                    limit,
                    startFromHead: false
                }));
                return (out.events ?? []).flatMap((event) => event.message === undefined ? [] : [event.message]);
            }
            catch (error) {
                if (error.name !== 'ResourceNotFoundException')
                    throw error;
                _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${group} has no log stream ${stream}: the container logged nothing`);
                return [];
            }
        }
    };
}
/** dry-run-aws: no logs are read. */
const simulatedLogs = {
    async lastEvents(group, stream) {
        _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-aws] would read the last lines of ${group} ${stream}`);
        return [];
    }
};


/***/ })

};
