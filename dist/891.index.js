export const id = 891;
export const ids = [891,668,880];
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


/***/ }),

/***/ 9802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CB: () => (/* binding */ planCleanup),
/* harmony export */   rP: () => (/* binding */ isManagedService)
/* harmony export */ });
/* unused harmony export parseServiceName */
/* harmony import */ var _label_definitions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1401);
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5745);
/* harmony import */ var _show_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3559);
/* harmony import */ var _status_change_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3433);
/* harmony import */ var _ttl_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8140);
// The cleanup planner: a pure function from what the repository and the cluster hold now (PR
// labels, ECS services, label definitions) and the clock to what the scheduled cleanup removes.
// The rules are documented in README.md ("Cleanup").





const SERVICE = /^pr-(\d+)-([0-9a-f]{7})-service$/;
const LEGACY_SERVICE = /^pr-(\d+)-service$/;
/** `pr-{n}-{sha}-service`, or the legacy `pr-{n}-service`; anything else is not ours by name. */
function parseServiceName(name) {
    const current = SERVICE.exec(name);
    if (current)
        return { pr: Number(current[1]), sha: current[2] };
    const legacy = LEGACY_SERVICE.exec(name);
    return legacy ? { pr: Number(legacy[1]) } : undefined;
}
function isManagedService(service) {
    return service.tags.showtime_managed === 'true' || parseServiceName(service.name) !== undefined;
}
function planCleanup(facts, policy) {
    const actions = [];
    const rows = [];
    const services = new Map((facts.services ?? []).map((s) => [s.name, s]));
    const expected = new Set();
    const failed = new Set();
    let live = 0;
    for (const pr of [...facts.openPrs].sort((a, b) => a.number - b.number)) {
        const ttl = effectiveTtl(pr.labels, policy);
        for (const show of pr.labels.shows) {
            const service = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceName */ .fe)(pr.number, show.sha);
            const facts_ = services.get(service);
            const created = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAtMs */ .aF)(show) ?? facts_?.createdAt;
            const age = created === undefined ? undefined : facts.now - created;
            const cls = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .statusClass */ .hI)(show.status);
            const row = {
                pr: pr.number,
                sha: show.sha,
                status: show.status,
                ttl: ttl.text,
                url: (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .showUrl */ .jr)(show, policy.containerPort) ?? '',
                ...(age !== undefined && { ageMs: age })
            };
            const verdict = judge(show, cls, age, ttl, facts_ !== undefined, facts.services !== undefined, policy);
            // A failed environment serves nothing: a service left with it (its run could not delete it)
            // is released below, as an orphan, while its labels stay to say it failed.
            if (verdict.kind !== 'keep' || cls !== 'failed')
                expected.add(service);
            else if (facts_)
                failed.add(service);
            rows.push({
                ...row,
                action: failed.has(service) ? `${verdict.action}; its service is deleted` : verdict.action
            });
            if (verdict.kind === 'keep') {
                if (cls === 'running' || cls === 'in-progress')
                    live++;
                continue;
            }
            if (verdict.kind === 'abandoned') {
                const change = (0,_status_change_js__WEBPACK_IMPORTED_MODULE_3__/* .statusChange */ .fA)(pr.labels, show.sha, 'failed');
                actions.push({
                    kind: 'abandoned',
                    pr: pr.number,
                    sha: show.sha,
                    service,
                    add: change.add,
                    labels: change.remove
                });
                continue;
            }
            actions.push({
                kind: 'teardown',
                pr: pr.number,
                sha: show.sha,
                service,
                labels: show.labels,
                why: verdict.action
            });
        }
        const ownTeardowns = actions.filter((a) => a.kind === 'teardown' && a.pr === pr.number);
        const last = ownTeardowns.at(-1);
        if (last?.kind === 'teardown' &&
            ownTeardowns.length === pr.labels.shows.length &&
            last.why.startsWith('expired')) {
            actions[actions.indexOf(last)] = { ...last, announce: 'expired' };
        }
        if (pr.labels.strayLabels.length > 0) {
            actions.push({ kind: 'stray-labels', pr: pr.number, labels: pr.labels.strayLabels });
        }
    }
    const closedNumbers = new Set();
    for (const pr of [...facts.closedPrs].sort((a, b) => a.number - b.number)) {
        closedNumbers.add(pr.number);
        const named = pr.labels.shows.map((s) => (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceName */ .fe)(pr.number, s.sha));
        const listed = [...services.keys()].filter((name) => parseServiceName(name)?.pr === pr.number);
        const toDelete = [...new Set([...named, ...listed])].sort();
        actions.push({
            kind: 'close',
            pr: pr.number,
            services: toDelete,
            labels: pr.labels.showtimeLabels
        });
        for (const show of pr.labels.shows) {
            rows.push({
                pr: pr.number,
                sha: show.sha,
                status: show.status,
                ttl: '',
                url: '',
                action: 'PR closed: torn down'
            });
        }
        for (const name of toDelete)
            expected.add(name);
    }
    for (const service of [...services.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (expected.has(service.name) || !isManagedService(service))
            continue;
        const parsed = parseServiceName(service.name);
        const why = parsed === undefined
            ? 'tagged showtime_managed, with a name Showtime does not use'
            : parsed.sha === undefined
                ? `legacy service of PR #${parsed.pr}`
                : failed.has(service.name)
                    ? `environment ${parsed.sha} of PR #${parsed.pr} failed: nothing serves from it`
                    : `no environment ${parsed.sha} on an open PR #${parsed.pr}`;
        actions.push({ kind: 'orphan-service', service: service.name, why });
        rows.push({
            pr: parsed?.pr ?? 0,
            sha: parsed?.sha ?? '',
            status: 'orphaned service',
            ttl: '',
            url: '',
            action: `deleted: ${why}`,
            ...(service.createdAt !== undefined && { ageMs: facts.now - service.createdAt })
        });
    }
    return {
        actions: [
            ...withRemovals(actions, facts.definitions),
            ...definitionActions(facts.definitions, actions)
        ],
        rows,
        liveEnvironments: live,
        maxEnvironments: policy.maxEnvironments
    };
}
function judge(show, cls, age, ttl, hasService, servicesKnown, policy) {
    if (cls === 'in-progress') {
        if (age !== undefined && age > policy.staleAfterMs) {
            return {
                kind: 'abandoned',
                action: `marked failed: ${show.status} for ${hours(age)}, its run is gone`
            };
        }
        return { kind: 'keep', action: 'kept: in progress' };
    }
    if (age !== undefined && age > (0,_ttl_js__WEBPACK_IMPORTED_MODULE_4__/* .ttlMilliseconds */ .Nu)(ttl)) {
        return { kind: 'teardown', action: `expired: ${hours(age)} old, TTL ${ttl.text}` };
    }
    if (cls === 'running' && servicesKnown && !hasService) {
        return { kind: 'teardown', action: 'removed: its service no longer exists' };
    }
    if (age === undefined && cls !== 'running') {
        return { kind: 'teardown', action: 'removed: no 📅 label and no service to date it' };
    }
    return { kind: 'keep', action: ttl.kind === 'close' ? 'kept until the PR closes' : 'kept' };
}
function effectiveTtl(labels, policy) {
    if (!policy.respectTtl || labels.ttl === undefined)
        return policy.olderThan;
    return labels.ttl;
}
/** How many of the planned actions take each label off a PR. */
function removalCounts(drafts) {
    const counts = new Map();
    for (const draft of drafts) {
        if (draft.kind === 'orphan-service')
            continue;
        for (const name of draft.labels)
            counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
}
function withRemovals(drafts, definitions) {
    const attachments = new Map((definitions ?? []).map((d) => [d.name, d.attachments]));
    const removals = removalCounts(drafts);
    const goesWithDefinition = (name) => {
        const attached = attachments.get(name);
        return (attached !== undefined && (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .isPerShaLabel */ .SI)(name) && attached - (removals.get(name) ?? 0) <= 0);
    };
    return drafts.map((draft) => {
        if (draft.kind === 'orphan-service')
            return draft;
        const labels = {
            detach: draft.labels.filter((name) => !goesWithDefinition(name)),
            deleteDefinition: draft.labels.filter(goesWithDefinition)
        };
        return { ...draft, labels };
    });
}
/** Per-SHA definitions already attached to nothing are deleted; missing static ones created. */
function definitionActions(definitions, drafts) {
    if (definitions === undefined)
        return [];
    const removals = removalCounts(drafts);
    const existing = new Set(definitions.map((d) => d.name));
    const result = [];
    for (const definition of [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if ((0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .isPerShaLabel */ .SI)(definition.name) &&
            definition.attachments === 0 &&
            !removals.has(definition.name)) {
            result.push({ kind: 'delete-definition', name: definition.name });
        }
    }
    const colors = new Map(definitions.map((d) => [d.name, d.color?.toLowerCase()]));
    for (const name of _labels_js__WEBPACK_IMPORTED_MODULE_1__/* .STATIC_LABELS */ .r4) {
        if (!existing.has(name))
            result.push({ kind: 'create-definition', name });
        else {
            const color = colors.get(name);
            if (color !== undefined && color !== (0,_label_definitions_js__WEBPACK_IMPORTED_MODULE_0__/* .labelDefinition */ .k)(name).color.toLowerCase()) {
                result.push({ kind: 'fix-definition', name });
            }
        }
    }
    return result;
}
function hours(ms) {
    const h = ms / 3_600_000;
    return h >= 48
        ? `${Math.floor(h / 24)}d ${Math.floor(h % 24)}h`
        : `${Math.floor(h)}h ${Math.floor((ms % 3_600_000) / 60_000)}m`;
}


/***/ }),

/***/ 1401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ labelDefinition)
/* harmony export */ });
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
// Colours and descriptions of repository label definitions (reference §1.4). Descriptions are
// plain text: GitHub rejects 4-byte characters (emoji) and more than 100 characters there.

const TRIGGER = 'FFD700';
const SETTING = 'FFE4B5';
const BLOCKED = 'dc3545';
const DETAIL = 'FFF9C4';
const STATUS_COLORS = {
    running: '28a745',
    building: 'FFD700',
    failed: 'dc3545',
    updating: 'fd7e14'
};
function labelDefinition(name) {
    const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLabel */ .Q_)(name);
    switch (parsed.kind) {
        case 'trigger':
            return parsed.trigger === 'start'
                ? {
                    color: TRIGGER,
                    description: 'Showtime: create or rebuild the preview environment of this PR'
                }
                : {
                    color: TRIGGER,
                    description: 'Showtime: tear down every preview environment of this PR'
                };
        case 'freeze':
            return { color: SETTING, description: 'Showtime: do not roll out new commits automatically' };
        case 'blocked':
            return { color: BLOCKED, description: 'Showtime: operations suspended on this PR' };
        case 'ttl':
            return {
                color: SETTING,
                description: parsed.value.toLowerCase() === 'close'
                    ? 'Showtime: keep the environment until the PR closes'
                    : `Showtime: environment expires ${parsed.value} after it was created`
            };
        case 'status':
            return {
                color: STATUS_COLORS[parsed.status] ?? TRIGGER,
                description: `Showtime: environment ${parsed.sha} is ${parsed.status}`
            };
        case 'created':
            return {
                color: DETAIL,
                description: `Showtime: environment ${parsed.sha} created ${parsed.at} UTC`
            };
        case 'ip':
            return {
                color: DETAIL,
                description: `Showtime: environment ${parsed.sha} at http://${parsed.ip}:${parsed.port}`
            };
        case 'requester':
            return {
                color: DETAIL,
                description: `Showtime: environment ${parsed.sha} requested by ${parsed.login}`.slice(0, 100)
            };
        case 'pointer':
            return { color: DETAIL, description: `Showtime: ${parsed.sha} is the active environment` };
        case 'building-pointer':
            return { color: DETAIL, description: `Showtime: ${parsed.sha} is being built` };
        case 'sha-ttl':
            return {
                color: DETAIL,
                description: `Showtime: environment ${parsed.sha} expires after ${parsed.value}`
            };
        case 'unknown':
            return { color: DETAIL, description: 'Showtime label' };
        case 'foreign':
            return { color: TRIGGER, description: '' };
    }
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

/***/ 305:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ templateProblem),
/* harmony export */   P: () => (/* binding */ renderTaskDefinition)
/* harmony export */ });
// Fills a task definition template for one environment: the image, the container port and the
// feature flags from the PR body. Pure; the template comes from the task-definition input or the
// bundled Superset template.
const FLAG_PREFIX = 'SUPERSET_FEATURE_';
/** Checks the shape a template must have; returns a reason when it does not. */
function templateProblem(template) {
    if (template === null || typeof template !== 'object' || Array.isArray(template))
        return 'it is not a JSON object';
    const t = template;
    if (typeof t.family !== 'string' || t.family === '')
        return 'it has no "family"';
    if (!Array.isArray(t.containerDefinitions) || t.containerDefinitions.length === 0) {
        return 'it has no "containerDefinitions"';
    }
    return undefined;
}
/** The first container runs the PR's image: its image, port and flags are set; others are kept. */
function renderTaskDefinition(template, options) {
    const [app, ...others] = template.containerDefinitions ?? [];
    const environment = [
        ...(app?.environment ?? []).filter((e) => !e.name?.startsWith(FLAG_PREFIX)),
        ...options.flags.map((f) => ({ name: f.name, value: f.value }))
    ];
    const portMappings = [
        { containerPort: options.containerPort, hostPort: options.containerPort, protocol: 'tcp' },
        ...(app?.portMappings ?? []).slice(1)
    ];
    return {
        ...template,
        containerDefinitions: [{ ...app, image: options.image, portMappings, environment }, ...others]
    };
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


/***/ }),

/***/ 9891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DRY_RUN_IP: () => (/* binding */ DRY_RUN_IP),
  runSync: () => (/* binding */ runSync)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(3360);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(9880);
;// CONCATENATED MODULE: ./src/domain/feature-flags.ts
// Feature flags from the PR description (reference §8.1): `FEATURE_<WORD>=<value>` anywhere in the
// body, after a word boundary. Only `SUPERSET_FEATURE_<WORD>` set to True or False ever reaches the
// container; values that are not a clear yes or no are skipped and reported.
const FLAG = /\bFEATURE_(\w+)=(\w+)/g;
const YES = new Set(['true', '1', 'yes']);
const NO = new Set(['false', '0', 'no']);
function parseFeatureFlags(body) {
    const byName = new Map();
    const skipped = [];
    for (const match of body.matchAll(FLAG)) {
        const [text, word = '', raw = ''] = match;
        const value = raw.toLowerCase();
        const name = `SUPERSET_FEATURE_${word}`;
        // A flag given twice keeps its last value (the Python tool passed both to the container).
        if (YES.has(value))
            byName.set(name, { name, value: 'True' });
        else if (NO.has(value))
            byName.set(name, { name, value: 'False' });
        else
            skipped.push(text);
    }
    return { flags: [...byName.values()], skipped };
}

// EXTERNAL MODULE: ./src/domain/labels.ts
var domain_labels = __webpack_require__(5745);
// EXTERNAL MODULE: ./src/domain/cleanup-plan.ts
var cleanup_plan = __webpack_require__(9802);
// EXTERNAL MODULE: ./src/domain/show.ts
var show = __webpack_require__(3559);
// EXTERNAL MODULE: ./src/domain/status-change.ts
var status_change = __webpack_require__(3433);
// EXTERNAL MODULE: ./src/domain/task-definition.ts
var task_definition = __webpack_require__(305);
// EXTERNAL MODULE: ./src/domain/ttl.ts
var domain_ttl = __webpack_require__(8140);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/label-session.ts
var label_session = __webpack_require__(2192);
// EXTERNAL MODULE: ./src/outputs.ts
var src_outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(665);
// EXTERNAL MODULE: ./src/run-state.ts
var run_state = __webpack_require__(518);
// EXTERNAL MODULE: ./src/modes/check.ts
var check = __webpack_require__(6668);
;// CONCATENATED MODULE: ./src/modes/sync.ts
// sync: decide as check does, then carry out the planned steps: claim, build, deploy, go live,
// tear down the other commits (or everything, for stop and close). Every label write goes through
// the LabelSession; every decision was made by the planner.
















/** The address dry-run-aws reports (the one the Python tool faked). */
const DRY_RUN_IP = '52.1.2.3';
/** Raised when another run removed this run's labels (a stop, a close, or a newer roll-out). */
class Superseded extends Error {
}
async function runSync(inputs, deps) {
    const { pr, data, decision, explicitSha } = await (0,check/* decideForEvent */.i)(inputs, deps);
    (0,report/* logDecision */.jM)(decision);
    const session = new label_session/* LabelSession */.z(deps.labels(data.labels), pr.number, data.labels, inputs.dryRun.github);
    const notifier = deps.notifier(pr.number, data.comments);
    const run = new SyncRun(inputs, deps, pr, decision, session, data.body, explicitSha, notifier);
    const outcome = decision.syncNeeded ? await run.execute() : { kind: 'done' };
    const after = { ...pr, labels: session.state() };
    const outputs = (0,src_outputs/* decisionOutputs */.N)(decision, after, {
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort
    });
    if (outcome.kind === 'claim-lost' || outcome.kind === 'superseded') {
        outputs.sync_needed = 'false';
        outputs.build_needed = 'false';
    }
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    const title = `🎪 Showtime sync: PR #${pr.number}`;
    core/* summary */.z.addRaw(`<p><b>Outcome:</b> ${describeOutcome(outcome)}</p>`, true);
    if (run.phases.length > 0) {
        core/* summary */.z.addTable([
            [
                { data: 'Phase', header: true },
                { data: 'Seconds', header: true }
            ],
            ...run.phases.map((p) => [p.name, (p.ms / 1000).toFixed(1)])
        ]);
    }
    await (0,report/* writeDecisionSummary */.eX)(title, after, decision, inputs.containerPort, deps.now());
    switch (outcome.kind) {
        case 'claim-lost':
            core/* notice */.lm('Another run claimed this PR first: this one does nothing.');
            break;
        case 'superseded':
            core/* notice */.lm(`Stopped: ${outcome.why}`);
            break;
        case 'failed':
            core/* setFailed */.C1(`${outcome.phase} failed: ${outcome.cause}`);
            break;
    }
}
function describeOutcome(outcome) {
    switch (outcome.kind) {
        case 'done':
            return 'done';
        case 'claim-lost':
            return 'another run claimed the PR first; nothing was done';
        case 'superseded':
            return `stopped: ${outcome.why}`;
        case 'failed':
            return `${outcome.phase} failed: ${outcome.cause}`;
    }
}
class SyncRun {
    inputs;
    deps;
    pr;
    decision;
    session;
    body;
    explicitSha;
    notifier;
    phases = [];
    claimed = false;
    live = false;
    phase = 'claim';
    phaseStarted;
    createdService = false;
    previousTaskDefinition;
    deployed;
    hostInstance;
    constructor(inputs, deps, pr, decision, session, body, explicitSha, notifier) {
        this.inputs = inputs;
        this.deps = deps;
        this.pr = pr;
        this.decision = decision;
        this.session = session;
        this.body = body;
        this.explicitSha = explicitSha;
        this.notifier = notifier;
    }
    get sha() {
        return (0,show/* shortSha */.Fu)(this.decision.targetSha);
    }
    get service() {
        return (0,show/* serviceName */.fe)(this.pr.number, this.decision.targetSha);
    }
    async execute() {
        try {
            const refused = await this.refuseOverCap();
            if (refused)
                return refused;
            for (const step of this.decision.steps) {
                const outcome = await this.timed(step, () => this.run(step));
                if (outcome)
                    return outcome;
            }
            run_state/* runState */.H.clear();
            if (this.decision.action === 'destroy_environment' && this.pr.labels.shows.length > 0) {
                const why = this.pr.state === 'closed' ? 'closed' : 'stopped';
                await this.notifier.comment({ kind: 'torn-down', why }, this.decision.targetSha);
                await this.notifier.deploymentsGone();
            }
            return { kind: 'done' };
        }
        catch (error) {
            if (error instanceof Superseded) {
                await this.release();
                run_state/* runState */.H.clear();
                return { kind: 'superseded', why: error.message };
            }
            const cause = (0,errors/* oneLine */.T)(error);
            if (this.claimed)
                await this.fail(cause);
            run_state/* runState */.H.clear();
            return { kind: 'failed', phase: this.phase, cause };
        }
    }
    /** Runs one step in a log group and counts its time to its phase (claim, build, deploy, health,
     * teardown); a deploy's health check counts as health. */
    async timed(step, body) {
        this.enter(phaseOf(step));
        try {
            return await core/* group */.Os(`${phaseOf(step)}: ${step.kind}${'sha' in step ? ` ${step.sha}` : ''}`, body);
        }
        finally {
            this.closePhase();
        }
    }
    enter(phase) {
        this.closePhase();
        this.phase = phase;
        this.phaseStarted = Date.now();
    }
    closePhase() {
        if (this.phaseStarted === undefined)
            return;
        const ms = Date.now() - this.phaseStarted;
        this.phaseStarted = undefined;
        const last = this.phases.at(-1);
        if (last?.name === this.phase)
            last.ms += ms;
        else
            this.phases.push({ name: this.phase, ms });
    }
    async run(step) {
        switch (step.kind) {
            case 'claim':
                return step.via === 'trigger'
                    ? this.claimTrigger(step.labels)
                    : this.claimCommit(step.labels);
            case 'labels':
                await this.session.add(step.add);
                await this.session.remove(step.remove);
                return undefined;
            case 'build':
                // The building labels are on the PR now: say so in the comment and the deployment.
                await this.notifier.comment({ kind: 'building' }, this.decision.targetSha, this.commentFacts());
                await this.notifier.deploymentStarted(this.decision.targetSha);
                if (this.inputs.dryRun.docker)
                    core/* info */.pq(`[dry-run-docker] would build ${step.image}`);
                else
                    await this.deps.builder.build({ ...this.inputs.docker, image: step.image });
                return undefined;
            case 'status':
                await this.change(step.sha, (0,status_change/* statusChange */.fA)(this.session.state(), step.sha, step.status));
                return undefined;
            case 'deploy':
                this.deployed = await this.deploy(step.image);
                return undefined;
            case 'go-live': {
                const ip = this.deployed?.ip ?? DRY_RUN_IP;
                const change = (0,status_change/* goLiveChange */.BG)(this.session.state(), step.sha, { ip, port: this.inputs.containerPort }, step.removePointers);
                await this.change(step.sha, change);
                // Live from here on: nothing of this run may be released any more.
                this.live = true;
                this.createdService = false;
                this.previousTaskDefinition = undefined;
                run_state/* runState */.H.clear();
                const url = `http://${ip}:${this.inputs.containerPort}`;
                core/* info */.pq(`${step.sha} is live at ${url}`);
                await this.notifier.comment({ kind: 'running', url }, this.decision.targetSha, this.commentFacts());
                await this.notifier.deploymentFinished('success', url);
                return undefined;
            }
            case 'teardown':
                await this.teardown(step.sha, step.service);
                return undefined;
            case 'notify':
                await this.notifier.comment(step.about === 'fork-held'
                    ? { kind: 'fork-held' }
                    : {
                        kind: 'unauthorised',
                        login: this.senderLogin(),
                        roles: this.inputs.allowedPermissions
                    }, this.decision.targetSha);
                return undefined;
        }
    }
    senderLogin() {
        const sender = this.deps.runner.payload.sender?.login;
        return typeof sender === 'string' ? sender : this.deps.runner.actor;
    }
    /** With max-environments set, a PR without a live environment may not start one while the
     * cluster already runs that many (a roll-over replaces the PR's own, so it is always allowed). */
    async refuseOverCap() {
        const cap = this.inputs.maxEnvironments;
        if (cap === 0 || this.decision.action !== 'create_environment' || this.inputs.dryRun.aws)
            return undefined;
        const live = (s) => ['running', 'in-progress'].includes((0,show/* statusClass */.hI)(s.status));
        if (this.pr.labels.shows.some(live))
            return undefined;
        const count = (await (await this.host()).listServices()).filter(cleanup_plan/* isManagedService */.rP).length;
        if (count < cap)
            return undefined;
        await this.session.remove(this.pr.labels.triggerLabels);
        await this.notifier.comment({ kind: 'over-cap', live: count, cap }, this.decision.targetSha);
        const cause = `${count} environments run already, the most that max-environments allows (${cap}): stop one, or wait for cleanup, then add the start label again`;
        return { kind: 'failed', phase: 'claim', cause };
    }
    async claimTrigger(labels) {
        const [gate, ...rest] = labels;
        if (gate === undefined)
            return undefined;
        if (!(await this.session.take(gate)))
            return { kind: 'claim-lost' };
        this.markClaimed();
        await this.session.remove(rest);
        return undefined;
    }
    /** No trigger to take: write the building labels, then re-read. A run whose commit is no longer
     * the PR's head backs off (the newer commit's run rolls out), unless the commit was named. */
    async claimCommit(labels) {
        await this.session.add(labels);
        // Saved before the re-read, so that a run killed now is released by its post step.
        this.markClaimed();
        if (this.inputs.dryRun.github)
            return undefined;
        const fresh = await this.deps.github.getPullRequest(this.pr.number);
        this.session.refresh(fresh.labels);
        const newer = !this.explicitSha && !fresh.headSha.startsWith(this.sha);
        if (fresh.state === 'closed' || newer) {
            await this.session.remove(labels.filter((l) => (0,domain_labels/* parseLabel */.Q_)(l).kind !== 'ttl'));
            const why = fresh.state === 'closed'
                ? 'the PR was closed'
                : `the PR moved on to ${(0,show/* shortSha */.Fu)(fresh.headSha)}`;
            run_state/* runState */.H.clear();
            return { kind: 'superseded', why: `${why}; ${this.sha} is not rolled out` };
        }
        return undefined;
    }
    /** Who asked, when, and for how long, as the labels now say. */
    commentFacts() {
        const state = this.session.state();
        const show = state.shows.find((s) => s.sha === this.sha);
        const created = show?.createdAt ? (0,domain_labels/* parseCreatedAt */.lu)(show.createdAt) : undefined;
        const ttl = state.ttl ?? this.inputs.ttl;
        const lifetime = (0,domain_ttl/* ttlMilliseconds */.Nu)(ttl);
        return {
            ...(show?.requester && { requester: show.requester }),
            ...(created !== undefined && { createdAt: created }),
            ttl: ttl.text,
            ...(created !== undefined && Number.isFinite(lifetime) && { expiresAt: created + lifetime })
        };
    }
    markClaimed() {
        this.claimed = true;
        if (this.decision.action === 'create_environment') {
            run_state/* runState */.H.save({
                pr: this.pr.number,
                sha: this.sha,
                service: this.service,
                createdService: false
            });
        }
    }
    /** Apply a change to one SHA's labels; if its status label vanished meanwhile, another run tore
     * it down: undo the addition and stop. */
    async change(sha, change) {
        const before = (0,status_change/* statusLabels */.Uj)(this.session.state(), sha);
        await this.session.add(change.add);
        if (before.length > 0 && !before.some((label) => this.session.has(label))) {
            await this.session.remove(change.add);
            throw new Superseded(`the labels of ${sha} were removed by another run (stop, close or a newer roll-out)`);
        }
        await this.session.remove(change.remove);
    }
    async host() {
        this.hostInstance ??= await this.deps.host();
        return this.hostInstance;
    }
    async deploy(image) {
        if (this.inputs.dryRun.aws) {
            core/* info */.pq(`[dry-run-aws] would deploy ${this.service}; waiting ${this.inputs.awsSleepSeconds} s instead`);
            await (0,promises_.setTimeout)(this.inputs.awsSleepSeconds * 1000);
            return { ip: DRY_RUN_IP };
        }
        const { flags, skipped } = parseFeatureFlags(this.body);
        for (const text of skipped)
            core/* warning */.$e(`feature flag "${text}" ignored: use true or false`);
        if (flags.length > 0)
            core/* info */.pq(`feature flags: ${flags.map((f) => `${f.name}=${f.value}`).join(', ')}`);
        const now = this.deps.now();
        const ttl = this.session.state().ttl ?? this.inputs.ttl;
        const expires = (0,domain_ttl/* ttlMilliseconds */.Nu)(ttl);
        const taskDefinition = (0,task_definition/* renderTaskDefinition */.P)(await this.deps.template(), {
            image,
            containerPort: this.inputs.containerPort,
            flags
        });
        const requester = this.session.state().shows.find((s) => s.sha === this.sha)?.requester ?? 'unknown';
        return (0,deploy.deployEnvironment)(await this.host(), {
            service: this.service,
            taskDefinition: taskDefinition,
            subnets: this.inputs.aws.subnets,
            securityGroups: this.inputs.aws.securityGroups,
            containerPort: this.inputs.containerPort,
            healthPath: this.inputs.healthPath,
            tags: {
                pr: String(this.pr.number),
                sha: this.sha,
                repository: this.deps.repository,
                requester,
                created: String(Math.floor(now / 1000)),
                'expires-at': Number.isFinite(expires)
                    ? String(Math.floor((now + expires) / 1000))
                    : 'never',
                showtime_managed: 'true'
            }
        }, this.deps.timing, {
            serviceCreated: () => {
                this.createdService = true;
                run_state/* runState */.H.save({
                    pr: this.pr.number,
                    sha: this.sha,
                    service: this.service,
                    createdService: true
                });
            },
            healthCheckStarted: () => this.enter('health'),
            serviceUpdated: (previous) => {
                this.previousTaskDefinition = previous;
                run_state/* runState */.H.save({
                    pr: this.pr.number,
                    sha: this.sha,
                    service: this.service,
                    createdService: false,
                    ...(previous && { previousTaskDefinition: previous })
                });
            }
        });
    }
    async teardown(sha, service) {
        if (this.inputs.dryRun.aws)
            core/* info */.pq(`[dry-run-aws] would delete ${service}`);
        else {
            const result = await (await this.host()).deleteService(service);
            core/* info */.pq(result === 'deleted' ? `deleted ${service}` : `${service} was already gone`);
        }
        const state = this.session.state();
        const show = state.shows.find((s) => s.sha === sha);
        const stray = state.strayLabels.filter((name) => name.includes(` ${sha}`));
        await this.session.remove([...(show?.labels ?? []), ...stray]);
    }
    /** Give back what this run created: its new service, or the old task definition. */
    async release() {
        if (this.inputs.dryRun.aws)
            return;
        try {
            if (this.createdService) {
                await (await this.host()).deleteService(this.service);
                core/* info */.pq(`released ${this.service}`);
            }
            else if (this.previousTaskDefinition) {
                await (await this.host()).updateService(this.service, this.previousTaskDefinition);
                core/* info */.pq(`rolled ${this.service} back to ${this.previousTaskDefinition}`);
            }
        }
        catch (error) {
            core/* warning */.$e(`could not release ${this.service}: ${(0,errors/* oneLine */.T)(error)} (the next cleanup deletes it)`);
        }
    }
    /** After a failure: release what was created and mark the SHA failed. A forced rebuild that
     * failed goes back to the running environment it replaced, which kept serving. */
    async fail(cause) {
        core/* summary */.z.addRaw(`<p><b>Cause:</b> ${(0,report/* escapeHtml */.ZD)(cause)}</p>`, true);
        if (this.decision.action !== 'create_environment' || this.live)
            return;
        await this.release();
        await this.notifier.comment({ kind: 'failed', cause }, this.decision.targetSha, this.commentFacts());
        await this.notifier.deploymentFinished('failure');
        try {
            // An address on the SHA before this run means an earlier deployment of it still serves (a
            // forced rebuild): it stays running. Otherwise the SHA is failed, and whatever this run's
            // go-live had already written (its address, its pointer) comes off again.
            const serving = this.pr.labels.shows.some((s) => s.sha === this.sha && s.ip !== undefined);
            const status = serving ? 'running' : 'failed';
            await this.session.add((0,status_change/* statusChange */.fA)(this.session.state(), this.sha, status).add);
            const state = this.session.state();
            const leftovers = serving
                ? []
                : state.showtimeLabels.filter((name) => {
                    const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
                    return (parsed.kind === 'ip' || parsed.kind === 'pointer') && parsed.sha === this.sha;
                });
            await this.session.remove([...(0,status_change/* statusChange */.fA)(state, this.sha, status).remove, ...leftovers]);
        }
        catch (error) {
            core/* warning */.$e(`could not mark ${this.sha} failed: ${(0,errors/* oneLine */.T)(error)}`);
        }
    }
}
function phaseOf(step) {
    switch (step.kind) {
        case 'claim':
        case 'labels':
        case 'notify':
            return 'claim';
        case 'build':
            return 'build';
        case 'status':
        case 'deploy':
            return 'deploy';
        case 'go-live':
            return 'health';
        case 'teardown':
            return 'teardown';
    }
}


/***/ })

};
