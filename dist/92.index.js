export const id = 92;
export const ids = [92];
export const modules = {

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

/***/ 92:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   runCleanup: () => (/* binding */ runCleanup)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(370);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5285);
/* harmony import */ var _domain_cleanup_plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9802);
/* harmony import */ var _domain_label_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1078);
/* harmony import */ var _domain_labels_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5745);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(665);
// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide, then carries the plan out: AWS deletions a few at a time, GitHub writes one after the
// other (paced by the throttling plugin). One failure never stops the others; the run fails at the
// end if anything failed, and the job summary says what.








/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4;
async function runCleanup(inputs, deps) {
    const failures = [];
    const facts = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('read the repository and the cluster', () => gatherFacts(inputs, deps, failures));
    const plan = (0,_domain_cleanup_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .planCleanup */ .CB)(facts, {
        olderThan: inputs.olderThan,
        respectTtl: inputs.respectTtl,
        staleAfterMs: _defaults_js__WEBPACK_IMPORTED_MODULE_1__.STALE_IN_PROGRESS_MS,
        maxEnvironments: inputs.maxEnvironments,
        containerPort: inputs.containerPort
    });
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${plan.actions.length} actions planned`);
    const executor = new Executor(inputs, deps, failures);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('carry out the plan', () => executor.run(plan));
    await writeSummary(plan, executor, failures, inputs);
    if (failures.length > 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`);
    }
}
async function gatherFacts(inputs, deps, failures) {
    const attempt = async (what, read) => {
        try {
            return await read();
        }
        catch (error) {
            failures.push(`reading ${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .T)(error)}`);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`could not read ${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .T)(error)}`);
            return undefined;
        }
    };
    const [open, scan, services] = await Promise.all([
        attempt('the open pull requests', () => deps.scanner.openPullRequests()),
        attempt('the 🎪 label definitions', () => deps.scanner.labelScan()),
        inputs.dryRun.aws
            ? Promise.resolve(undefined)
            : attempt('the ECS services', async () => (await deps.host()).listServices())
    ]);
    const openPrs = (open ?? [])
        .filter((pr) => pr.labels.some(_domain_labels_js__WEBPACK_IMPORTED_MODULE_4__/* .isShowtimeLabel */ .HD))
        .map((pr) => ({ number: pr.number, labels: (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_3__/* .readLabels */ .k2)(pr.labels) }));
    const openNumbers = new Set((open ?? []).map((pr) => pr.number));
    const closedPrs = [];
    for (const number of scan?.closedPullRequests ?? []) {
        if (openNumbers.has(number))
            continue;
        const labels = await attempt(`the labels of PR #${number}`, () => deps.scanner.labelsOf(number));
        if (labels?.some(_domain_labels_js__WEBPACK_IMPORTED_MODULE_4__/* .isShowtimeLabel */ .HD))
            closedPrs.push({ number, labels: (0,_domain_label_state_js__WEBPACK_IMPORTED_MODULE_3__/* .readLabels */ .k2)(labels) });
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${open?.length ?? '?'} open PRs, ${openPrs.length} with 🎪 labels; ${closedPrs.length} closed PRs with 🎪 labels; ` +
        `${scan?.definitions.length ?? '?'} 🎪 label definitions; ${services?.length ?? '?'} ECS services`);
    return {
        now: deps.now(),
        openPrs,
        closedPrs,
        // Without a complete list of open PRs, no service may be judged an orphan.
        ...(services && open && { services }),
        ...(scan && open && { definitions: scan.definitions })
    };
}
class Executor {
    inputs;
    deps;
    failures;
    writes = 0;
    deferred = [];
    hostInstance;
    constructor(inputs, deps, failures) {
        this.inputs = inputs;
        this.deps = deps;
        this.failures = failures;
    }
    async run(plan) {
        const actions = this.withinBudget(plan.actions);
        // AWS first, a few at a time: labels come off only once the service they describe is gone.
        const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_7__/* ["default"] */ .A)(AWS_CONCURRENCY);
        const released = await Promise.all(actions.map((action) => limit(() => this.releaseServices(action))));
        for (const [index, action] of actions.entries()) {
            if (!released[index])
                continue;
            try {
                await this.labelWork(action);
            }
            catch (error) {
                this.fail(action, error);
            }
        }
    }
    async host() {
        this.hostInstance ??= await this.deps.host();
        return this.hostInstance;
    }
    /** Deletes the services an action names; false when one could not be deleted. */
    async releaseServices(action) {
        const services = action.kind === 'close'
            ? action.services
            : action.kind === 'teardown' || action.kind === 'abandoned'
                ? [action.service]
                : action.kind === 'orphan-service'
                    ? [action.service]
                    : [];
        try {
            for (const service of services) {
                if (this.inputs.dryRun.aws) {
                    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-aws] would delete ${service}`);
                    continue;
                }
                const result = await (await this.host()).deleteService(service);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(result === 'deleted' ? `deleted ${service}` : `${service} was already gone`);
            }
            return true;
        }
        catch (error) {
            this.fail(action, error);
            return false;
        }
    }
    async labelWork(action) {
        switch (action.kind) {
            case 'teardown':
                await this.removeLabels(action.pr, action.labels);
                if (action.announce)
                    await this.announceExpiry(action.pr, action.sha);
                return;
            case 'close':
            case 'stray-labels':
                return this.removeLabels(action.pr, action.labels);
            case 'abandoned':
                await this.write(`add ${action.add.join(', ')} to #${action.pr}`, () => this.deps.labels.add(action.pr, action.add));
                return this.removeLabels(action.pr, action.labels);
            case 'delete-definition':
                return this.write(`delete the definition "${action.name}"`, async () => void (await this.deps.definitions.remove(action.name)));
            case 'create-definition':
                return this.write(`create the definition "${action.name}"`, () => this.deps.definitions.create(action.name));
            case 'orphan-service':
                return;
        }
    }
    async removeLabels(pr, labels) {
        for (const name of labels.detach) {
            await this.write(`remove "${name}" from #${pr}`, async () => void (await this.deps.labels.remove(pr, name)));
        }
        for (const name of labels.deleteDefinition) {
            await this.write(`delete "${name}" (on #${pr} only)`, async () => void (await this.deps.definitions.remove(name)));
        }
    }
    /** Whole actions, in plan order, as long as their GitHub writes fit in the run's budget; the
     * rest wait for the next run (nothing is left half done). */
    withinBudget(actions) {
        if (this.inputs.dryRun.github)
            return [...actions];
        let planned = 0;
        return actions.filter((action) => {
            const cost = writesOf(action);
            if (planned + cost > _defaults_js__WEBPACK_IMPORTED_MODULE_1__.CLEANUP_WRITE_BUDGET) {
                this.deferred.push(describe(action));
                return false;
            }
            planned += cost;
            return true;
        });
    }
    /** The comment update and the deployment's end. */
    async announceExpiry(pr, sha) {
        const notifier = this.deps.notifier(pr);
        if (!this.inputs.dryRun.github)
            this.writes += 2;
        await notifier.comment({ kind: 'torn-down', why: 'expired' }, sha);
        await notifier.deploymentsGone();
    }
    async write(what, send) {
        if (this.inputs.dryRun.github) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[dry-run-github] would ${what}`);
            return;
        }
        this.writes++;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(what);
        await send();
    }
    fail(action, error) {
        const message = `${describe(action)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .T)(error)}`;
        this.failures.push(message);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message);
    }
}
/** GitHub writes an action makes (its comment and deployment end included). */
function writesOf(action) {
    switch (action.kind) {
        case 'teardown':
            return (action.labels.detach.length +
                action.labels.deleteDefinition.length +
                (action.announce ? 2 : 0));
        case 'close':
        case 'stray-labels':
            return action.labels.detach.length + action.labels.deleteDefinition.length;
        case 'abandoned':
            return 1 + action.labels.detach.length + action.labels.deleteDefinition.length;
        case 'orphan-service':
            return 0;
        default:
            return 1;
    }
}
function describe(action) {
    switch (action.kind) {
        case 'teardown':
            return `PR #${action.pr} ${action.sha}: ${action.why}`;
        case 'close':
            return `PR #${action.pr} is closed: tear down ${action.services.length} services, remove its 🎪 labels`;
        case 'abandoned':
            return `PR #${action.pr} ${action.sha}: abandoned build marked failed`;
        case 'stray-labels':
            return `PR #${action.pr}: remove ${action.labels.detach.length + action.labels.deleteDefinition.length} labels nothing reads`;
        case 'orphan-service':
            return `${action.service}: ${action.why}`;
        case 'delete-definition':
            return `delete the unattached definition "${action.name}"`;
        case 'create-definition':
            return `create the definition "${action.name}"`;
        case 'fix-definition':
            return `colour the definition "${action.name}"`;
    }
}
async function writeSummary(plan, executor, failures, inputs) {
    const dry = inputs.dryRun.github || inputs.dryRun.aws;
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(`🎪 Showtime cleanup${dry ? ' (dry run)' : ''}`, 2);
    const age = (ms) => ms === undefined ? 'unknown' : `${Math.floor(ms / 3_600_000)}h`;
    if (plan.rows.length > 0) {
        summary.addTable([
            ['PR', 'SHA', 'Status', 'Age', 'TTL', 'URL', dry ? 'Action planned' : 'Action taken'].map((data) => ({
                data,
                header: true
            })),
            ...plan.rows.map((r) => [
                r.pr ? `#${r.pr}` : '',
                r.sha,
                r.status,
                age(r.ageMs),
                r.ttl,
                r.url,
                (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeHtml */ .ZD)(r.action)
            ])
        ]);
    }
    else
        summary.addRaw('No environments.', true);
    const count = (kind) => plan.actions.filter((a) => a.kind === kind).length;
    const totals = [
        `${count('teardown')} environments expired or removed`,
        `${count('close')} closed PRs torn down`,
        `${count('abandoned')} abandoned builds marked failed`,
        `${count('orphan-service')} orphaned services deleted`,
        `${count('delete-definition')} unattached label definitions deleted`,
        `${count('create-definition')} static label definitions created`,
        `${executor.writes} GitHub writes`
    ];
    if (plan.maxEnvironments > 0)
        totals.push(`${plan.liveEnvironments} of at most ${plan.maxEnvironments} environments live`);
    else
        totals.push(`${plan.liveEnvironments} environments live`);
    if (executor.deferred.length > 0) {
        totals.push(`${executor.deferred.length} actions left for the next run (over the budget of ${_defaults_js__WEBPACK_IMPORTED_MODULE_1__.CLEANUP_WRITE_BUDGET} GitHub writes)`);
    }
    summary.addHeading('Totals', 3).addList(totals);
    if (failures.length > 0)
        summary.addHeading('Failures', 3).addList(failures.map(_report_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeHtml */ .ZD));
    for (const line of totals)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
    await summary.write();
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

/***/ 370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
