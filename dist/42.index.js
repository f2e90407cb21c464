export const id = 42;
export const ids = [42];
export const modules = {

/***/ 1078:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k2: () => (/* binding */ readLabels),
/* harmony export */   xX: () => (/* binding */ findShow),
/* harmony export */   yn: () => (/* binding */ activeShow)
/* harmony export */ });
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
/* harmony import */ var _show_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3559);
/* harmony import */ var _ttl_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8140);
// Everything a PR's labels say, read into one value. Label order never changes the result: names
// are sorted first, and every "two of a kind" case has a rule (see `README.md`, label reference).



function readLabels(names) {
    const showtimeLabels = [
        ...new Set(names.filter((n) => typeof n === 'string' && (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .isShowtimeLabel */ .HD)(n)))
    ].sort();
    const bySha = new Map();
    const pointers = [];
    const triggerLabels = [];
    const ttlLabels = [];
    const legacyLabels = [];
    const problems = [];
    let startTrigger = false;
    let stopTrigger = false;
    let freeze = false;
    let blocked = false;
    let ttl;
    const forSha = (sha) => {
        let entry = bySha.get(sha);
        if (!entry) {
            entry = { status: [], created: [], ip: [], requester: [], other: [] };
            bySha.set(sha, entry);
        }
        return entry;
    };
    for (const name of showtimeLabels) {
        const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLabel */ .Q_)(name);
        if ('form' in parsed && parsed.form === 'legacy')
            legacyLabels.push(name);
        switch (parsed.kind) {
            case 'trigger':
                triggerLabels.push(name);
                if (parsed.trigger === 'start')
                    startTrigger = true;
                else
                    stopTrigger = true;
                break;
            case 'freeze':
                freeze = true;
                break;
            case 'blocked':
                blocked = true;
                break;
            case 'ttl': {
                ttlLabels.push(name);
                const value = (0,_ttl_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTtl */ .Kw)(parsed.value);
                if (value)
                    ttl = ttl ? (0,_ttl_js__WEBPACK_IMPORTED_MODULE_2__/* .longerTtl */ .K4)(ttl, value) : value;
                break;
            }
            case 'status':
                forSha(parsed.sha).status.push({ value: parsed.status, label: name });
                break;
            case 'created':
                forSha(parsed.sha).created.push({ value: parsed.at, label: name });
                break;
            case 'ip':
                forSha(parsed.sha).ip.push({
                    ip: parsed.ip,
                    port: parsed.port,
                    legacy: parsed.form === 'legacy',
                    label: name
                });
                break;
            case 'requester':
                forSha(parsed.sha).requester.push({
                    value: parsed.login,
                    legacy: parsed.form === 'legacy',
                    label: name
                });
                break;
            case 'pointer':
                pointers.push({ sha: parsed.sha, label: name });
                break;
            case 'building-pointer':
            case 'sha-ttl':
                legacyLabels.push(name);
                forSha(parsed.sha).other.push(name);
                break;
            case 'unknown':
                problems.push(`ignored label "${name}": ${parsed.reason}`);
                break;
            case 'foreign':
                break;
        }
    }
    const shows = [];
    const strayLabels = [];
    for (const [sha, entry] of [...bySha.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const labels = [
            ...entry.status.map((s) => s.label),
            ...entry.created.map((s) => s.label),
            ...entry.ip.map((s) => s.label),
            ...entry.requester.map((s) => s.label),
            ...entry.other,
            ...pointers.filter((p) => p.sha === sha).map((p) => p.label)
        ];
        const status = pick(entry.status, (a, b) => (0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .statusRank */ .Tx)(a.value) - (0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .statusRank */ .Tx)(b.value));
        if (!status) {
            strayLabels.push(...labels);
            continue;
        }
        if (entry.status.length > 1) {
            problems.push(`${sha} has ${entry.status.length} status labels; "${status.value}" wins`);
        }
        const created = pick(entry.created, (a, b) => compare(a.value, b.value));
        const ip = pick(entry.ip, (a, b) => Number(a.legacy) - Number(b.legacy) || compare(a.label, b.label));
        const requester = pick(entry.requester, (a, b) => Number(a.legacy) - Number(b.legacy) || compare(a.value, b.value));
        shows.push({
            sha,
            status: status.value,
            ...(created && { createdAt: created.value }),
            ...(ip && { ip: ip.ip, port: ip.port }),
            ...(requester && { requester: requester.value }),
            labels: [...labels].sort()
        });
    }
    const showsBySha = new Map(shows.map((s) => [s.sha, s]));
    for (const pointer of pointers) {
        if (!showsBySha.has(pointer.sha) && !bySha.has(pointer.sha))
            strayLabels.push(pointer.label);
    }
    const active = pick(pointers.flatMap((p) => showsBySha.get(p.sha) ?? []), (a, b) => Number((0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .statusClass */ .hI)(b.status) === 'running') - Number((0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .statusClass */ .hI)(a.status) === 'running') ||
        ((0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .createdAtMs */ .aF)(b) ?? 0) - ((0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .createdAtMs */ .aF)(a) ?? 0) ||
        compare(a.sha, b.sha));
    if (pointers.length > 1) {
        problems.push(`${pointers.length} 🎯 pointers; ${active ? `${active.sha} wins` : 'none names a show'}`);
    }
    return {
        shows,
        ...(active && { activeSha: active.sha }),
        startTrigger,
        stopTrigger,
        triggerLabels,
        freeze,
        blocked,
        ...(ttl && { ttl }),
        ttlLabels,
        showtimeLabels,
        legacyLabels,
        strayLabels: [...strayLabels].sort(),
        problems
    };
}
function pick(items, order) {
    return [...items].sort(order)[0];
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function findShow(state, sha) {
    const short = sha.slice(0, 7).toLowerCase();
    return state.shows.find((s) => s.sha === short);
}
function activeShow(state) {
    return state.activeSha === undefined ? undefined : findShow(state, state.activeSha);
}


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   Tx: () => (/* binding */ statusRank),
/* harmony export */   aF: () => (/* binding */ createdAtMs),
/* harmony export */   fe: () => (/* binding */ serviceName),
/* harmony export */   hI: () => (/* binding */ statusClass),
/* harmony export */   jr: () => (/* binding */ showUrl),
/* harmony export */   rA: () => (/* binding */ imageReference)
/* harmony export */ });
/* unused harmony exports STATUS_PRECEDENCE, serviceBaseName, imageTag */
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
// A Show is one environment: one PR at one commit, with its own labels and its own ECS service.
// Resource names are byte-compatible with the Python tool, so services it created stay manageable.

/** `built` is an old in-progress state; `updating` only ever had a colour, and counts as running. */
function statusClass(status) {
    switch (status) {
        case 'building':
        case 'deploying':
        case 'built':
            return 'in-progress';
        case 'running':
        case 'updating':
            return 'running';
        case 'failed':
            return 'failed';
        default:
            return 'unknown';
    }
}
/** When one SHA carries two status labels (a run stopped between adding the new status and
 * removing the old), the one furthest along the lifecycle is the newer write and wins. */
const STATUS_PRECEDENCE = [
    'failed',
    'running',
    'updating',
    'deploying',
    'built',
    'building'
];
function statusRank(status) {
    const index = STATUS_PRECEDENCE.indexOf(status);
    return index === -1 ? STATUS_PRECEDENCE.length : index;
}
function shortSha(sha) {
    return sha.slice(0, 7).toLowerCase();
}
function serviceBaseName(pr, sha) {
    return `pr-${pr}-${shortSha(sha)}`;
}
function serviceName(pr, sha) {
    return `${serviceBaseName(pr, sha)}-service`;
}
function imageTag(pr, sha) {
    return `${serviceBaseName(pr, sha)}-ci`;
}
function imageReference(repository, pr, sha) {
    return `${repository}:${imageTag(pr, sha)}`;
}
function showUrl(show, defaultPort) {
    return show.ip ? `http://${show.ip}:${show.port ?? defaultPort}` : undefined;
}
function createdAtMs(show) {
    return show.createdAt === undefined ? undefined : (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCreatedAt */ .lu)(show.createdAt);
}


/***/ }),

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

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   releaseInFlight: () => (/* binding */ releaseInFlight)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1078);
/* harmony import */ var _domain_status_change_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3433);
/* harmony import */ var _label_session_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2192);
/* harmony import */ var _domain_show_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3559);
// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: mark the SHA failed and release the service.





async function releaseInFlight(inFlight, deps) {
    const data = await deps.github.getPullRequest(inFlight.pr);
    const state = (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_1__/* .readLabels */ .k2)(data.labels);
    const show = state.shows.find((s) => s.sha === inFlight.sha);
    const session = new _label_session_js__WEBPACK_IMPORTED_MODULE_3__/* .LabelSession */ .z(deps.labels(data.labels), inFlight.pr, data.labels, false);
    if (show && (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_4__/* .statusClass */ .hI)(show.status) === 'running') {
        // It went live just before it was stopped: keep it, drop the status it was leaving.
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${inFlight.sha} went live before the run stopped: it stays`);
        await session.remove((0,_domain_status_change_js__WEBPACK_IMPORTED_MODULE_2__/* .statusChange */ .fA)(state, inFlight.sha, 'running').remove);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`);
    if (inFlight.createdService) {
        const result = await (await deps.host()).deleteService(inFlight.service);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(result === 'deleted' ? `deleted ${inFlight.service}` : `${inFlight.service} was already gone`);
    }
    else if (inFlight.previousTaskDefinition) {
        await (await deps.host()).updateService(inFlight.service, inFlight.previousTaskDefinition);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`rolled ${inFlight.service} back to ${inFlight.previousTaskDefinition}`);
    }
    if (!show || (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_4__/* .statusClass */ .hI)(show.status) !== 'in-progress')
        return;
    // An address from before this run means an earlier deployment of the SHA still serves.
    const status = show.ip !== undefined && inFlight.previousTaskDefinition !== undefined ? 'running' : 'failed';
    const change = (0,_domain_status_change_js__WEBPACK_IMPORTED_MODULE_2__/* .statusChange */ .fA)(state, inFlight.sha, status);
    await session.add(change.add);
    await session.remove((0,_domain_status_change_js__WEBPACK_IMPORTED_MODULE_2__/* .statusLabels */ .Uj)(session.state(), inFlight.sha).filter((l) => !change.add.includes(l)));
}


/***/ })

};
