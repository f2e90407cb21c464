export const id = 201;
export const ids = [201];
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

/***/ 1632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bS: () => (/* binding */ currentUrl),
/* harmony export */   et: () => (/* binding */ plan),
/* harmony export */   s7: () => (/* binding */ impliedPermission)
/* harmony export */ });
/* harmony import */ var _label_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1078);
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5745);
/* harmony import */ var _show_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3559);
// The planner: a pure function from (PR snapshot, event, target SHA, clock, policy) to a decision
// and the ordered steps `sync` carries out. Every rule of the decision table lives here; the modes
// only fetch facts and execute steps. The table is documented in README.md ("How Showtime decides").



function plan(input) {
    const outcome = decide(input);
    if (outcome === NEEDS_PERMISSION) {
        return {
            action: 'no_action',
            reason: 'permission_unknown',
            message: `the role of ${input.actor.login} is needed to decide`,
            buildNeeded: false,
            syncNeeded: false,
            targetSha: input.targetSha,
            steps: [],
            needsPermission: true
        };
    }
    const steps = withLegacyRewrite(outcome.steps, input.pr.labels);
    return {
        ...outcome,
        steps,
        buildNeeded: steps.some((s) => s.kind === 'build'),
        syncNeeded: steps.length > 0,
        targetSha: input.targetSha,
        needsPermission: false
    };
}
const NEEDS_PERMISSION = Symbol('needs permission');
function decide(input) {
    const { pr } = input;
    const labels = pr.labels;
    if (pr.state === 'closed') {
        if (labels.showtimeLabels.length === 0) {
            return noAction('pr_closed_nothing_to_clean', 'the PR is closed and has no Showtime labels');
        }
        return destroy(input, 'pr_closed', 'the PR is closed: every environment is torn down');
    }
    if (labels.blocked) {
        return {
            action: 'blocked',
            reason: 'blocked_label',
            message: 'the 🎪 🔒 showtime-blocked label is present: Showtime does nothing until it is removed',
            steps: []
        };
    }
    if (labels.startTrigger || labels.stopTrigger) {
        const authorised = isAuthorised(input);
        if (authorised === undefined)
            return NEEDS_PERMISSION;
        if (!authorised) {
            return {
                action: 'blocked',
                reason: 'unauthorised_trigger',
                message: `${input.actor.login} (${input.actor.permission}) may not start or stop environments: only ${roles(input.policy)} may`,
                steps: [
                    { kind: 'labels', add: [], remove: labels.triggerLabels, why: 'unauthorised trigger' },
                    { kind: 'notify', about: 'unauthorised' }
                ]
            };
        }
        if (labels.stopTrigger) {
            return destroy(input, 'explicit_stop_trigger', 'the stop trigger asks for every environment to be torn down');
        }
        return startTrigger(input);
    }
    return withoutTrigger(input);
}
function startTrigger(input) {
    const target = (0,_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .findShow */ .xX)(input.pr.labels, input.targetSha);
    const sha = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(input.targetSha);
    const state = target && targetState(target, input);
    switch (state) {
        case undefined:
            return create(input, 'explicit_start_new_sha', `the start trigger asks for ${sha} to be deployed`);
        case 'failed':
            return create(input, 'explicit_start_failed_sha', `the start trigger retries ${sha}, which failed`);
        case 'stale':
            return create(input, 'explicit_start_stale_sha', `the start trigger restarts ${sha}, whose build was abandoned`);
        case 'running':
            return create(input, 'explicit_start_force_rebuild', `the start trigger rebuilds ${sha}, which is running`);
        case 'in-progress':
            // Reference Q8: consume the trigger so that it cannot force a second build later.
            return {
                action: 'no_action',
                reason: 'start_while_in_progress',
                message: `${sha} is already ${target?.status}: the start trigger is consumed without a second build`,
                steps: [{ kind: 'claim', via: 'trigger', labels: input.pr.labels.triggerLabels }]
            };
        case 'unknown':
            return create(input, 'explicit_start_trigger', `the start trigger redeploys ${sha}`);
    }
}
/** A new commit, a manual dispatch, or a resume (freeze or block removed) may roll out the target;
 * any other event (someone adds `bug`) deploys nothing new (reference §11.3, gap A). */
function isRolloutEvent(event) {
    switch (event.kind) {
        case 'synchronize':
        case 'opened':
        case 'reopened':
        case 'dispatch':
            return true;
        case 'unlabeled': {
            const kind = event.label === undefined ? undefined : (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLabel */ .Q_)(event.label).kind;
            return kind === 'freeze' || kind === 'blocked';
        }
        default:
            return false;
    }
}
function withoutTrigger(input) {
    const { pr, event } = input;
    const labels = pr.labels;
    const target = (0,_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .findShow */ .xX)(labels, input.targetSha);
    const sha = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(input.targetSha);
    const state = target && targetState(target, input);
    if (state === 'running')
        return noAction('already_running', `${sha} is already running`);
    if (state === 'in-progress')
        return noAction('in_progress', `${sha} is already ${target?.status}`);
    if (!isRolloutEvent(event)) {
        return noAction('not_a_deploy_event', `a ${describeEvent(event)} event deploys nothing new`);
    }
    if (labels.shows.length === 0) {
        return noAction('no_environment', `the PR has no environment: add the label ${_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .TRIGGER_START */ .Gu} to create one`);
    }
    if (state === 'failed' || state === 'stale') {
        return noAction('target_failed', `${sha} ${state === 'failed' ? 'failed' : 'was abandoned'}: add ${_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .TRIGGER_START */ .Gu} to retry`);
    }
    if (labels.freeze) {
        return noAction('frozen', `the PR is frozen (🎪 🧊 showtime-freeze): ${sha} is not rolled out`);
    }
    if (pr.isFork && event.kind !== 'dispatch') {
        return {
            action: 'no_action',
            reason: 'fork_commit_needs_approval',
            message: `${sha} comes from a fork: a maintainer approves it by adding ${_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .TRIGGER_START */ .Gu}`,
            steps: [{ kind: 'notify', about: 'fork-held' }]
        };
    }
    const authorised = isAuthorised(input);
    if (authorised === undefined)
        return NEEDS_PERMISSION;
    if (!authorised) {
        return {
            action: 'blocked',
            reason: 'unauthorised_sender',
            message: `${input.actor.login} (${input.actor.permission}) may not roll out commits: only ${roles(input.policy)} may`,
            steps: []
        };
    }
    return create(input, 'auto_sync_new_commit', `${sha} is rolled out in place of the current environment`);
}
function targetState(show, input) {
    const cls = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .statusClass */ .hI)(show.status);
    if (cls !== 'in-progress')
        return cls;
    const started = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAtMs */ .aF)(show);
    const stale = started !== undefined && input.now - started > input.policy.staleAfterMs;
    return stale ? 'stale' : 'in-progress';
}
function isAuthorised(input) {
    const { permission } = input.actor;
    if (permission === undefined)
        return undefined;
    return input.policy.allowedPermissions.includes(permission);
}
function create(input, reason, message) {
    const { pr, policy } = input;
    const labels = pr.labels;
    const sha = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(input.targetSha);
    const target = (0,_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .findShow */ .xX)(labels, sha);
    const forcedRebuild = target !== undefined && (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .statusClass */ .hI)(target.status) === 'running';
    const image = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .imageReference */ .rA)(policy.imageRepository, pr.number, sha);
    const service = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceName */ .fe)(pr.number, sha);
    // A forced rebuild keeps the running environment's address and pointer: it serves until the
    // replacement is healthy (reference Q5).
    const keep = (name) => {
        if (!forcedRebuild)
            return false;
        const kind = (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLabel */ .Q_)(name).kind;
        return kind === 'ip' || kind === 'pointer';
    };
    const claimLabels = [
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'status', sha, status: 'building' }),
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'created', sha, at: (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCreatedAt */ .zO)(input.now) }),
        (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'requester', sha, login: input.actor.login })
    ];
    if (labels.ttl === undefined)
        claimLabels.push((0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'ttl', value: policy.defaultTtl }));
    const steps = [];
    if (labels.triggerLabels.length > 0) {
        steps.push({ kind: 'claim', via: 'trigger', labels: labels.triggerLabels });
        steps.push({ kind: 'labels', add: claimLabels, remove: [], why: 'claim' });
    }
    else {
        steps.push({ kind: 'claim', via: 'status', labels: claimLabels });
    }
    const stale = (target?.labels ?? []).filter((name) => !claimLabels.includes(name) && !keep(name));
    if (stale.length > 0)
        steps.push({ kind: 'labels', add: [], remove: stale, why: `previous ${sha} state` });
    steps.push({ kind: 'build', sha, image });
    steps.push({ kind: 'status', sha, status: 'deploying' });
    steps.push({ kind: 'deploy', sha, service, image });
    const otherPointers = labels.showtimeLabels.filter((name) => {
        const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLabel */ .Q_)(name);
        return parsed.kind === 'pointer' && parsed.sha !== sha;
    });
    steps.push({ kind: 'go-live', sha, removePointers: otherPointers });
    for (const show of labels.shows) {
        if (show.sha !== sha && !isNewerRollout(show, input))
            steps.push(teardown(pr.number, show));
    }
    return { action: 'create_environment', reason, message, steps };
}
/** Another run is rolling out the PR's newest commit: it tears this environment down when it goes
 * live, so this run leaves it alone (two roll-outs never tear each other down). */
function isNewerRollout(show, input) {
    const head = (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(input.pr.headSha);
    return (show.sha === head &&
        (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(input.targetSha) !== head &&
        targetState(show, input) === 'in-progress');
}
function destroy(input, reason, message) {
    const { pr } = input;
    const labels = pr.labels;
    const steps = [];
    if (labels.triggerLabels.length > 0) {
        steps.push({ kind: 'claim', via: 'trigger', labels: labels.triggerLabels });
    }
    for (const show of labels.shows)
        steps.push(teardown(pr.number, show));
    const handled = new Set([...labels.triggerLabels, ...labels.shows.flatMap((s) => s.labels)]);
    const rest = labels.showtimeLabels.filter((name) => !handled.has(name));
    if (rest.length > 0)
        steps.push({ kind: 'labels', add: [], remove: rest, why: 'teardown' });
    return { action: 'destroy_environment', reason, message, steps };
}
function teardown(pr, show) {
    return {
        kind: 'teardown',
        sha: show.sha,
        service: (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceName */ .fe)(pr, show.sha),
        labels: show.labels
    };
}
function noAction(reason, message) {
    return { action: 'no_action', reason, message, steps: [] };
}
/** When sync writes to a PR anyway, labels in an old form are replaced by their current form right
 * after the claim (teardowns planned later remove the current forms instead). */
function withLegacyRewrite(steps, labels) {
    if (steps.length === 0 || labels.legacyLabels.length === 0)
        return steps;
    const removedBySteps = new Set(steps.flatMap((s) => (s.kind === 'labels' ? s.remove : [])));
    const pending = labels.legacyLabels.filter((name) => !removedBySteps.has(name));
    if (pending.length === 0)
        return steps;
    const replacements = new Map(pending.map((name) => [name, currentForm(name, labels)]));
    const add = [...new Set([...replacements.values()].flat())].sort();
    const rewrite = { kind: 'labels', add, remove: pending, why: 'labels in an old form' };
    const rewritten = steps.map((step) => {
        if (step.kind !== 'teardown')
            return step;
        const after = step.labels.flatMap((name) => replacements.get(name) ?? [name]);
        return { ...step, labels: [...new Set(after)].sort() };
    });
    const firstAfterClaim = rewritten.findIndex((s) => s.kind !== 'claim');
    const at = firstAfterClaim === -1 ? rewritten.length : firstAfterClaim;
    return [...rewritten.slice(0, at), rewrite, ...rewritten.slice(at)];
}
/** The current form of a legacy label, when it carries what its show reads (losing duplicates). */
function currentForm(name, labels) {
    const parsed = (0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLabel */ .Q_)(name);
    const show = 'sha' in parsed ? labels.shows.find((s) => s.sha === parsed.sha) : undefined;
    if (!show)
        return [];
    const { sha } = show;
    switch (parsed.kind) {
        case 'status':
            return parsed.status === show.status
                ? [(0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'status', sha, status: show.status })]
                : [];
        case 'created':
            return parsed.at === show.createdAt
                ? [(0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'created', sha, at: parsed.at })]
                : [];
        case 'requester':
            return parsed.login === show.requester
                ? [(0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'requester', sha, login: parsed.login })]
                : [];
        case 'ip':
            return parsed.ip === show.ip && parsed.port === show.port
                ? [(0,_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLabel */ .wR)({ kind: 'ip', sha, ip: parsed.ip, port: parsed.port })]
                : [];
        default:
            return []; // 🏗️ pointers and per-SHA TTLs have no current form: they are dropped
    }
}
function roles(policy) {
    return policy.allowedPermissions.join(', ');
}
function describeEvent(event) {
    return event.label === undefined ? event.kind : `${event.kind} "${event.label}"`;
}
/** The URL of the environment that serves the PR now, if any. */
function currentUrl(labels, defaultPort) {
    const show = (0,_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .activeShow */ .yn)(labels);
    return show ? (0,_show_js__WEBPACK_IMPORTED_MODULE_2__/* .showUrl */ .jr)(show, defaultPort) : undefined;
}
/**
 * What the event itself proves about the sender's role, so that no lookup is needed: running a
 * workflow_dispatch and pushing to a branch of the repository both take write access. Returns
 * undefined when the role must be looked up (or when write is not enough under this policy).
 */
function impliedPermission(event, pr, policy) {
    const provesWrite = event.kind === 'dispatch' || (event.kind === 'synchronize' && !pr.isFork);
    return provesWrite && policy.allowedPermissions.includes('write') ? 'write' : undefined;
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

/***/ 807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ readEvent),
/* harmony export */   y: () => (/* binding */ resolveTargetSha)
/* harmony export */ });
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5285);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
// Turns the runner's event (name + payload) and the pr-number / sha inputs into what the planner
// needs. Pure: the shell passes in github.context's fields.



const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const PULL_REQUEST_ACTIONS = [
    'labeled',
    'unlabeled',
    'synchronize',
    'opened',
    'reopened',
    'closed'
];
function readEvent(runner, overrides) {
    const payload = runner.payload ?? {};
    const sender = stringAt(payload, 'sender', 'login') || runner.actor || _defaults_js__WEBPACK_IMPORTED_MODULE_0__.UNKNOWN_ACTOR;
    let kind = 'other';
    let number;
    let eventSha;
    let label;
    if (PULL_REQUEST_EVENTS.has(runner.eventName)) {
        const action = stringAt(payload, 'action');
        kind = PULL_REQUEST_ACTIONS.includes(action)
            ? action
            : 'other';
        const n = payload.pull_request?.number;
        if (typeof n === 'number' && Number.isInteger(n) && n > 0)
            number = n;
        const head = stringAt(payload, 'pull_request', 'head', 'sha');
        if (/^[0-9a-f]{40}$/.test(head))
            eventSha = head;
        label = stringAt(payload, 'label', 'name') || undefined;
    }
    else if (runner.eventName === 'workflow_dispatch') {
        kind = 'dispatch';
        const inputs = (payload.inputs ?? {});
        const rawNumber = String(inputs.pr_number ?? '').trim();
        if (rawNumber !== '')
            number = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .prNumber */ .K9)(rawNumber, 'pr_number (workflow_dispatch)');
        const rawSha = String(inputs.sha ?? '').trim();
        if (rawSha !== '')
            eventSha = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .commitSha */ .mJ)(rawSha, 'sha (workflow_dispatch)');
    }
    const prNumberResolved = overrides.prNumber ?? number;
    if (prNumberResolved === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`No pull request to act on: the ${runner.eventName || 'unknown'} event names none; set the pr-number input.`);
    }
    if (number !== undefined && prNumberResolved !== number) {
        // The event is about another PR: what it says (its action, its head) does not apply here.
        kind = 'other';
        eventSha = undefined;
    }
    const sha = overrides.sha ?? eventSha;
    return {
        prNumber: prNumberResolved,
        event: {
            kind,
            sender,
            ...(label !== undefined && (kind === 'labeled' || kind === 'unlabeled') && { label })
        },
        ...(sha !== undefined && { eventSha: sha })
    };
}
/** The commit to act on: a requested SHA (expanded to 40 characters when it is a prefix of the
 * head), else the PR's current head. */
function resolveTargetSha(requested, headSha) {
    if (requested === undefined)
        return headSha;
    return headSha.startsWith(requested) ? headSha : requested;
}
function stringAt(value, ...path) {
    let current = value;
    for (const key of path) {
        if (current === null || typeof current !== 'object')
            return '';
        current = current[key];
    }
    return typeof current === 'string' ? current : '';
}


/***/ }),

/***/ 7729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ decisionOutputs)
/* harmony export */ });
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1078);
/* harmony import */ var _domain_planner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1632);
/* harmony import */ var _domain_show_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3559);
// The step outputs, computed from a decision. Every mode sets the same names (see action.yml).



function decisionOutputs(decision, pr, context) {
    const target = (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .findShow */ .xX)(pr.labels, decision.targetSha);
    return {
        build_needed: String(decision.buildNeeded),
        sync_needed: String(decision.syncNeeded),
        target_sha: decision.targetSha,
        pr_number: String(pr.number),
        action_needed: decision.action,
        action_reason: decision.reason,
        status: target?.status ?? '',
        url: (0,_domain_planner_js__WEBPACK_IMPORTED_MODULE_1__/* .currentUrl */ .bS)(pr.labels, context.containerPort) ?? '',
        service_name: (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceName */ .fe)(pr.number, decision.targetSha),
        image: (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_2__/* .imageReference */ .rA)(context.imageRepository, pr.number, decision.targetSha)
    };
}


/***/ }),

/***/ 665:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lv: () => (/* binding */ logLabelProblems),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   eX: () => (/* binding */ writeDecisionSummary),
/* harmony export */   jM: () => (/* binding */ logDecision),
/* harmony export */   jT: () => (/* binding */ environmentsTable)
/* harmony export */ });
/* unused harmony exports describeStep, age */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _domain_show_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3559);
// What people read: the log lines and the job summary. Formatting only; no decisions.


function logLabelProblems(labels) {
    for (const problem of labels.problems)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(problem);
}
function describeStep(step) {
    switch (step.kind) {
        case 'claim':
            return step.via === 'trigger'
                ? `claim: remove ${step.labels.join(', ')}`
                : `claim: write ${step.labels.join(', ')} and re-read`;
        case 'labels':
            return `labels (${step.why}): ${[...step.add.map((l) => `+${l}`), ...step.remove.map((l) => `-${l}`)].join(', ')}`;
        case 'build':
            return `build ${step.image}`;
        case 'status':
            return `status of ${step.sha} → ${step.status}`;
        case 'deploy':
            return `deploy ${step.service}`;
        case 'go-live':
            return `mark ${step.sha} running with its address and point 🎯 at it`;
        case 'teardown':
            return `tear down ${step.sha}: delete ${step.service}, remove ${step.labels.length} labels`;
        case 'notify':
            return `comment on the PR: ${step.about === 'fork-held' ? 'a maintainer must approve this commit' : 'who may start environments'}`;
    }
}
function logDecision(decision) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Decision: ${decision.action} (${decision.reason}): ${decision.message}`);
    for (const [index, step] of decision.steps.entries())
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${index + 1}. ${describeStep(step)}`);
}
function age(createdAt, now) {
    if (createdAt === undefined)
        return 'unknown';
    const minutes = Math.max(0, Math.floor((now - createdAt) / 60_000));
    if (minutes >= 24 * 60)
        return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
    if (minutes >= 60)
        return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
    return `${minutes}m`;
}
function environmentsTable(pr, containerPort, now) {
    return pr.labels.shows.map((show) => [
        show.sha === pr.labels.activeSha ? `🎯 ${show.sha}` : show.sha,
        show.status,
        (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_1__/* .showUrl */ .jr)(show, containerPort) ?? '',
        age((0,_domain_show_js__WEBPACK_IMPORTED_MODULE_1__/* .createdAtMs */ .aF)(show), now),
        show.requester ?? '',
        (0,_domain_show_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceName */ .fe)(pr.number, show.sha)
    ]);
}
async function writeDecisionSummary(title, pr, decision, containerPort, now) {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(title, 2).addTable([
        [
            { data: 'Decision', header: true },
            { data: 'Reason', header: true },
            { data: 'Build needed', header: true },
            { data: 'Sync needed', header: true },
            { data: 'Target', header: true }
        ],
        [
            decision.action,
            decision.reason,
            String(decision.buildNeeded),
            String(decision.syncNeeded),
            decision.targetSha
        ]
    ]);
    summary.addRaw(escapeHtml(decision.message), true);
    if (decision.steps.length > 0) {
        summary.addHeading('Planned steps', 3).addList(decision.steps.map((s) => escapeHtml(describeStep(s))), true);
    }
    const rows = environmentsTable(pr, containerPort, now);
    summary.addHeading('Environments', 3);
    if (rows.length === 0)
        summary.addRaw('None.', true);
    else {
        summary.addTable([
            ['SHA', 'Status', 'URL', 'Age', 'Requested by', 'Service'].map((data) => ({
                data,
                header: true
            })),
            ...rows
        ]);
    }
    const ttl = pr.labels.ttl?.text;
    if (ttl)
        summary.addRaw(`TTL: ${ttl}`, true);
    if (pr.labels.problems.length > 0) {
        summary.addHeading('Ignored labels', 3).addList(pr.labels.problems.map(escapeHtml));
    }
    await summary.write();
}
/** Text from outside (an error message, a cause) placed in the HTML job summary. */
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}


/***/ }),

/***/ 3911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ toSnapshot)
/* harmony export */ });
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1078);

function toSnapshot(data) {
    return {
        number: data.number,
        state: data.state,
        headSha: data.headSha,
        author: data.author,
        isFork: data.isFork,
        labels: (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_0__/* .readLabels */ .k2)(data.labels)
    };
}


/***/ })

};
