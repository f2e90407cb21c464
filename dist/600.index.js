export const id = 600;
export const ids = [600];
export const modules = {

/***/ 3433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ goLiveChange),
/* harmony export */   Uj: () => (/* binding */ statusLabels),
/* harmony export */   aA: () => (/* binding */ setStateChange),
/* harmony export */   fA: () => (/* binding */ statusChange)
/* harmony export */ });
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
// Label changes for one SHA's status: used by sync's transitions and by set-state. Pure.

function labelsOf(labels, sha, kinds) {
    return labels.showtimeLabels.filter((name) => {
        const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLabel */ .Q_)(name);
        return 'sha' in parsed && parsed.sha === sha && kinds.includes(parsed.kind);
    });
}
/** The SHA's status labels as they are now (normally one). */
function statusLabels(labels, sha) {
    return labelsOf(labels, sha, ['status']);
}
/** Replace the SHA's status. */
function statusChange(labels, sha, status) {
    const label = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'status', sha, status });
    return { add: [label], remove: statusLabels(labels, sha).filter((l) => l !== label) };
}
/** The SHA serves: status running, its address, and the only 🎯 pointer. */
function goLiveChange(labels, sha, address, extraPointers) {
    const add = [
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'status', sha, status: 'running' }),
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'ip', sha, ...address }),
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'pointer', sha })
    ];
    const otherPointers = labels.showtimeLabels.filter((name) => {
        const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLabel */ .Q_)(name);
        return parsed.kind === 'pointer' && parsed.sha !== sha;
    });
    const remove = [...labelsOf(labels, sha, ['status', 'ip']), ...otherPointers, ...extraPointers];
    return { add, remove: [...new Set(remove)].filter((l) => !add.includes(l)) };
}
/**
 * set-state: give the SHA this status without touching anything else (reference §9 REC). A SHA
 * without an environment gets its 📅 and 🤡 labels too; `running` also points 🎯 at it.
 */
function setStateChange(labels, sha, status, options) {
    const change = statusChange(labels, sha, status);
    const add = [...change.add];
    const remove = [...change.remove];
    if (!labels.shows.some((s) => s.sha === sha)) {
        add.push((0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'created', sha, at: (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCreatedAt */ .zO)(options.now) }));
        add.push((0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'requester', sha, login: options.actor }));
    }
    if (status === 'running') {
        add.push((0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'pointer', sha }));
        for (const name of labels.showtimeLabels) {
            const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLabel */ .Q_)(name);
            if (parsed.kind === 'pointer' && parsed.sha !== sha)
                remove.push(name);
        }
    }
    return { add, remove };
}


/***/ }),

/***/ 2192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ LabelSession)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1078);
// The labels of one PR during a run: every write goes through here, and the view is refreshed
// from each answer (GitHub returns the PR's labels after every add and remove). With
// dry-run-github the writes are printed instead of sent, and only the local view changes.


class LabelSession {
    writer;
    pr;
    dryRun;
    view;
    constructor(writer, pr, labels, dryRun) {
        this.writer = writer;
        this.pr = pr;
        this.dryRun = dryRun;
        this.view = [...labels];
    }
    get labels() {
        return this.view;
    }
    state() {
        return (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__/* .readLabels */ .k2)(this.view);
    }
    has(name) {
        return this.view.includes(name);
    }
    /** Replace the view with a fresh read. */
    refresh(labels) {
        this.view = [...labels];
    }
    async add(names) {
        const missing = names.filter((name) => !this.has(name));
        if (missing.length === 0)
            return;
        if (this.dryRun) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-github] would add ${missing.map(quote).join(', ')}`);
            this.view = [...this.view, ...missing];
            return;
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`+ ${missing.join(', ')}`);
        this.view = await this.writer.add(this.pr, missing);
    }
    /** Removes labels that are on the PR; one that is already gone counts as removed. */
    async remove(names) {
        for (const name of names.filter((n) => this.has(n))) {
            if (this.dryRun) {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-github] would remove ${quote(name)}`);
                this.view = this.view.filter((n) => n !== name);
                continue;
            }
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`- ${name}`);
            const after = await this.writer.remove(this.pr, name);
            this.view = after ?? this.view.filter((n) => n !== name);
        }
    }
    /** The claim gate: true only for the run whose removal GitHub accepted (a second one gets 404). */
    async take(name) {
        if (this.dryRun) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-github] would remove ${quote(name)} to claim the PR`);
            const present = this.has(name);
            this.view = this.view.filter((n) => n !== name);
            return present;
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`- ${name} (claim)`);
        const after = await this.writer.remove(this.pr, name);
        if (after === undefined) {
            this.view = this.view.filter((n) => n !== name);
            return false;
        }
        this.view = after;
        return true;
    }
}
function quote(name) {
    return `"${name}"`;
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSetState: () => (/* binding */ runSetState)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1078);
/* harmony import */ var _domain_show_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3559);
/* harmony import */ var _domain_status_change_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3433);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(807);
/* harmony import */ var _label_session_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2192);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7729);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3911);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(665);
// set-state: give one SHA a status (building, deploying, running or failed) without touching the
// PR's other labels. The SHA is the sha input, else the event's commit, else the PR head.









async function runSetState(inputs, deps) {
    const status = inputs.state;
    if (status === undefined)
        throw new Error('set-state needs the state input');
    const target = (0,_event_js__WEBPACK_IMPORTED_MODULE_4__/* .readEvent */ .j)(deps.runner, {
        ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
        ...(inputs.sha !== undefined && { sha: inputs.sha })
    });
    const data = await deps.github.getPullRequest(target.prNumber);
    const targetSha = (0,_event_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveTargetSha */ .y)(target.eventSha, data.headSha);
    const sha = (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(targetSha);
    const session = new _label_session_js__WEBPACK_IMPORTED_MODULE_5__/* .LabelSession */ .z(deps.labels(data.labels), data.number, data.labels, inputs.dryRun.github);
    const change = (0,_domain_status_change_js__WEBPACK_IMPORTED_MODULE_3__/* .setStateChange */ .aA)((0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__/* .readLabels */ .k2)(data.labels), sha, status, {
        now: deps.now(),
        actor: target.event.sender
    });
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`set ${sha} to ${status}`, async () => {
        await session.add(change.add);
        await session.remove(change.remove);
    });
    if (status === 'failed') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`${sha} failed: ${inputs.errorMessage || 'no cause given (error-message input)'}`, {
            title: 'Showtime'
        });
    }
    const pr = { ...(0,_snapshot_js__WEBPACK_IMPORTED_MODULE_7__/* .toSnapshot */ .C)(data), labels: session.state() };
    const outputs = (0,_outputs_js__WEBPACK_IMPORTED_MODULE_6__/* .decisionOutputs */ .N)({
        action: 'no_action',
        reason: `set_state_${status}`,
        buildNeeded: false,
        syncNeeded: false,
        targetSha
    }, pr, { imageRepository: inputs.docker.imageRepository, containerPort: inputs.containerPort });
    for (const [name, value] of Object.entries(outputs))
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(`🎪 Showtime set-state: PR #${pr.number}`, 2);
    summary.addRaw(`${sha} is now <b>${status}</b>.`, true);
    if (status === 'failed' && inputs.errorMessage)
        summary.addRaw(`Cause: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .escapeHtml */ .ZD)(inputs.errorMessage)}`, true);
    summary.addTable([
        ['SHA', 'Status', 'URL', 'Age', 'Requested by', 'Service'].map((data) => ({
            data,
            header: true
        })),
        ...(0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .environmentsTable */ .jT)(pr, inputs.containerPort, deps.now())
    ]);
    await summary.write();
}


/***/ })

};
