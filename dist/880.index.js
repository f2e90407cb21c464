export const id = 880;
export const ids = [880];
export const modules = {

/***/ 9880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployEnvironment: () => (/* binding */ deployEnvironment),
/* harmony export */   scaledTiming: () => (/* binding */ scaledTiming)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5285);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is stable), wait for stability, then health-check its public address.




function scaledTiming(scale) {
    const entries = Object.entries(_defaults_js__WEBPACK_IMPORTED_MODULE_2__.DEPLOY_TIMING).map(([key, value]) => [
        key,
        key === 'healthAttempts' ? value : value * scale
    ]);
    return Object.fromEntries(entries);
}
async function deployEnvironment(host, request, timing, observer) {
    const { service } = request;
    const taskDefinition = await host.registerTaskDefinition(request.taskDefinition);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`registered ${taskDefinition}`);
    let existing = await host.describeService(service);
    if (existing.status === 'DRAINING') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${service} is still draining from an earlier deletion; waiting for it to go`);
        existing = await waitUntilGone(host, service, timing);
    }
    let previousTaskDefinition;
    if (existing.status === 'ACTIVE') {
        previousTaskDefinition = existing.taskDefinition;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${service} exists: rolling it to the new task definition; the running task serves until then`);
        await host.updateService(service, taskDefinition);
        observer.serviceUpdated(previousTaskDefinition);
    }
    else {
        await host.createService({
            name: service,
            taskDefinition,
            subnets: request.subnets,
            securityGroups: request.securityGroups,
            tags: request.tags
        });
        observer.serviceCreated();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`created ${service}`);
    }
    try {
        await host.waitUntilStable(service, {
            timeoutSeconds: timing.stableTimeout,
            minDelaySeconds: timing.stablePollMin,
            maxDelaySeconds: Math.max(timing.stablePollMin, timing.stablePollMax)
        });
    }
    catch (error) {
        throw new Error(`${service} did not become stable within ${seconds(timing.stableTimeout)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .T)(error)}`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${service} is stable`);
    observer.healthCheckStarted();
    const ip = await waitUntilHealthy(host, service, taskDefinition, request, timing);
    return { ip, ...(previousTaskDefinition && { previousTaskDefinition }) };
}
async function waitUntilGone(host, service, timing) {
    const deadline = Date.now() + timing.drainTimeout * 1000;
    for (;;) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(timing.drainPoll * 1000);
        const info = await host.describeService(service);
        if (info.status !== 'DRAINING')
            return info;
        if (Date.now() >= deadline) {
            throw new Error(`${service} was still draining after ${seconds(timing.drainTimeout)}; try again later`);
        }
    }
}
async function waitUntilHealthy(host, service, taskDefinition, request, timing) {
    let last = 'no public IP yet';
    for (let attempt = 1; attempt <= timing.healthAttempts; attempt++) {
        if (attempt > 1)
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(timing.healthInterval * 1000);
        const ip = await host.publicIp(service, taskDefinition);
        if (!ip) {
            last = 'its task has no public IP';
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`health ${attempt}/${timing.healthAttempts}: ${last}`);
            continue;
        }
        const url = `http://${ip}:${request.containerPort}${request.healthPath}`;
        last = await probe(url, timing.healthRequestTimeout * 1000);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`health ${attempt}/${timing.healthAttempts}: ${url} → ${last}`);
        if (last === 'HTTP 200')
            return ip;
    }
    throw new Error(`${service} failed its health check ${timing.healthAttempts} times (last: ${last})`);
}
async function probe(url, timeoutMs) {
    try {
        const response = await fetch(url, {
            signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
            redirect: 'manual'
        });
        await response.body?.cancel();
        return `HTTP ${response.status}`;
    }
    catch (error) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .T)(error);
    }
}
function seconds(value) {
    return `${Math.round(value * 10) / 10} s`;
}


/***/ })

};
