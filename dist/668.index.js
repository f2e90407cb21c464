export const id = 668;
export const ids = [668];
export const modules = {

/***/ 6668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ decideForEvent),
/* harmony export */   runCheck: () => (/* binding */ runCheck)
/* harmony export */ });
/* unused harmony export policyFrom */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5285);
/* harmony import */ var _domain_planner_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1632);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(807);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7729);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(665);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3911);
// check: decide what the event means for the PR and say so in the outputs. Writes nothing to
// GitHub. Costs one request (the PR), plus one for the sender's role when a trigger needs it.







function policyFrom(inputs) {
    return {
        allowedPermissions: inputs.allowedPermissions,
        staleAfterMs: _defaults_js__WEBPACK_IMPORTED_MODULE_1__.STALE_IN_PROGRESS_MS,
        defaultTtl: inputs.ttl.text,
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort
    };
}
/** Reads the facts and plans: shared by check and sync. */
async function decideForEvent(inputs, deps) {
    const target = (0,_event_js__WEBPACK_IMPORTED_MODULE_3__/* .readEvent */ .j)(deps.runner, {
        ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
        ...(inputs.sha !== undefined && { sha: inputs.sha })
    });
    const data = await deps.github.getPullRequest(target.prNumber);
    const pr = (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_6__/* .toSnapshot */ .C)(data);
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logLabelProblems */ .Lv)(pr.labels);
    const policy = policyFrom(inputs);
    const base = {
        pr,
        event: target.event,
        targetSha: (0,_event_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveTargetSha */ .y)(target.eventSha, pr.headSha),
        now: deps.now(),
        policy
    };
    const login = target.event.sender;
    let decision = (0,_domain_planner_js__WEBPACK_IMPORTED_MODULE_2__/* .plan */ .et)({
        ...base,
        actor: withPermission(login, (0,_domain_planner_js__WEBPACK_IMPORTED_MODULE_2__/* .impliedPermission */ .s7)(target.event, pr, policy))
    });
    if (decision.needsPermission) {
        const permission = await deps.github.getPermission(login);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${login} has the ${permission} role`);
        decision = (0,_domain_planner_js__WEBPACK_IMPORTED_MODULE_2__/* .plan */ .et)({ ...base, actor: { login, permission } });
    }
    const explicitSha = inputs.sha !== undefined || (target.event.kind === 'dispatch' && target.eventSha !== undefined);
    return { pr, data, decision, explicitSha };
}
function withPermission(login, permission) {
    return permission === undefined ? { login } : { login, permission };
}
async function runCheck(inputs, deps) {
    const { pr, decision } = await decideForEvent(inputs, deps);
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logDecision */ .jM)(decision);
    const outputs = (0,_outputs_js__WEBPACK_IMPORTED_MODULE_4__/* .decisionOutputs */ .N)(decision, pr, {
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort
    });
    for (const [name, value] of Object.entries(outputs))
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
    await (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .writeDecisionSummary */ .eX)(`🎪 Showtime check: PR #${pr.number}`, pr, decision, inputs.containerPort, deps.now());
}


/***/ })

};
