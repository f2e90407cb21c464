export const id = 47;
export const ids = [47];
export const modules = {

/***/ 4047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMode: () => (/* binding */ runMode),
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var lib_github = __webpack_require__(1758);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/domain/task-definition.ts
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/aws/superset-task-definition.json
const superset_task_definition_namespaceObject = /*#__PURE__*/JSON.parse('{"family":"superset-ci","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"512","memory":"2048","taskRoleArn":"ecsTaskExecutionRole","executionRoleArn":"ecsTaskExecutionRole","volumes":[],"placementConstraints":[],"containerDefinitions":[{"name":"superset-ci","image":"apache/superset:latest","cpu":0,"essential":true,"links":[],"entryPoint":[],"command":[],"mountPoints":[],"volumesFrom":[],"portMappings":[{"containerPort":8080,"hostPort":8080,"protocol":"tcp"}],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/superset-ci","awslogs-region":"us-west-2","awslogs-stream-prefix":"ecs"}},"environment":[{"name":"SUPERSET_LOAD_EXAMPLES","value":"yes"},{"name":"SUPERSET_PORT","value":"8080"},{"name":"SUPERSET_SECRET_KEY","value":"super-secret-for-ephemerals"},{"name":"TALISMAN_ENABLED","value":"False"},{"name":"SUPERSET__SQLALCHEMY_EXAMPLES_URI","value":"sqlite:////tmp/examples.db"},{"name":"SUPERSET_LOG_LEVEL","value":"DEBUG"},{"name":"PYTHONUNBUFFERED","value":"1"},{"name":"SERVER_WORKER_AMOUNT","value":"4"},{"name":"SERVER_THREADS_AMOUNT","value":"1"}]}]}');
;// CONCATENATED MODULE: ./src/aws/template.ts
// The task definition template: the task-definition input's file, or the bundled Superset one.




async function loadTemplate(path) {
    if (path === undefined)
        return superset_task_definition_namespaceObject;
    let parsed;
    try {
        parsed = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* InputError */.d(`Input "task-definition" must name a readable JSON file; ${path}: ${(0,errors/* oneLine */.T)(error)}`);
    }
    const problem = templateProblem(parsed);
    if (problem)
        throw new errors/* InputError */.d(`Input "task-definition" (${path}) is not a task definition: ${problem}.`);
    return parsed;
}

// EXTERNAL MODULE: ./src/defaults.ts
var defaults = __webpack_require__(5285);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(3360);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/deploy.ts
// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is stable), wait for stability, then health-check its public address.




function scaledTiming(scale) {
    const entries = Object.entries(defaults/* DEPLOY_TIMING */.Jw).map(([key, value]) => [
        key,
        key === 'healthAttempts' ? value : value * scale
    ]);
    return Object.fromEntries(entries);
}
async function deployEnvironment(host, request, timing, observer) {
    const { service } = request;
    const taskDefinition = await host.registerTaskDefinition(request.taskDefinition);
    core/* info */.pq(`registered ${taskDefinition}`);
    let existing = await host.describeService(service);
    if (existing.status === 'DRAINING') {
        core/* info */.pq(`${service} is still draining from an earlier deletion; waiting for it to go`);
        existing = await waitUntilGone(host, service, timing);
    }
    let previousTaskDefinition;
    if (existing.status === 'ACTIVE') {
        previousTaskDefinition = existing.taskDefinition;
        core/* info */.pq(`${service} exists: rolling it to the new task definition; the running task serves until then`);
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
        core/* info */.pq(`created ${service}`);
    }
    try {
        await host.waitUntilStable(service, {
            timeoutSeconds: timing.stableTimeout,
            minDelaySeconds: timing.stablePollMin,
            maxDelaySeconds: Math.max(timing.stablePollMin, timing.stablePollMax)
        });
    }
    catch (error) {
        throw new Error(`${service} did not become stable within ${seconds(timing.stableTimeout)}: ${(0,errors/* oneLine */.T)(error)}`);
    }
    core/* info */.pq(`${service} is stable`);
    observer.healthCheckStarted();
    const ip = await waitUntilHealthy(host, service, taskDefinition, request, timing);
    return { ip, ...(previousTaskDefinition && { previousTaskDefinition }) };
}
async function waitUntilGone(host, service, timing) {
    const deadline = Date.now() + timing.drainTimeout * 1000;
    for (;;) {
        await (0,external_node_timers_promises_.setTimeout)(timing.drainPoll * 1000);
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
            await (0,external_node_timers_promises_.setTimeout)(timing.healthInterval * 1000);
        const ip = await host.publicIp(service, taskDefinition);
        if (!ip) {
            last = 'its task has no public IP';
            core/* info */.pq(`health ${attempt}/${timing.healthAttempts}: ${last}`);
            continue;
        }
        const url = `http://${ip}:${request.containerPort}${request.healthPath}`;
        last = await probe(url, timing.healthRequestTimeout * 1000);
        core/* info */.pq(`health ${attempt}/${timing.healthAttempts}: ${url} → ${last}`);
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
        return (0,errors/* oneLine */.T)(error);
    }
}
function seconds(value) {
    return `${Math.round(value * 10) / 10} s`;
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 5 modules
var exec = __webpack_require__(2876);
;// CONCATENATED MODULE: ./src/docker.ts
// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array.


/** `docker buildx build --push --load --platform … --target … --build-arg K=V … -t image context` */
function buildCommand(spec) {
    return [
        'buildx',
        'build',
        '--push',
        '--load',
        '--platform',
        spec.platform,
        '--target',
        spec.target,
        ...spec.buildArgs.flatMap((arg) => ['--build-arg', `${arg.name}=${arg.value}`]),
        ...(spec.cacheFrom ? ['--cache-from', spec.cacheFrom] : []),
        ...(spec.cacheTo ? ['--cache-to', spec.cacheTo] : []),
        '-t',
        spec.image,
        spec.context
    ];
}
const dockerBuilder = {
    async build(spec) {
        const args = buildCommand(spec);
        const code = await core/* group */.Os(`docker ${args.join(' ')}`, () => (0,exec/* exec */.m)('docker', args, { ignoreReturnCode: true }));
        if (code !== 0)
            throw new Error(`docker build of ${spec.image} failed with exit code ${code}`);
    }
};

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./src/github/client.ts
// The one place an Octokit is made: @actions/github's client (GITHUB_API_URL aware) with retries
// for 5xx and network errors, and throttling that spaces writes and waits out rate limits.






/** How many times a request is retried after a rate-limit answer before the run fails. */
const RATE_LIMIT_RETRIES = 2;
function onLimit(kind) {
    return (retryAfter, options, _octokit, retryCount) => {
        core/* warning */.$e(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
        return retryCount < RATE_LIMIT_RETRIES;
    };
}
function createOctokit(token, env = process.env) {
    const interval = (0,defaults/* githubWriteInterval */.od)(env);
    const spacing = interval === undefined
        ? {}
        : {
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: interval }),
            notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: interval })
        };
    return (0,lib_github/* getOctokit */.Q)(token, {
        // 403 and 429 belong to the throttling plugin, which honours retry-after.
        retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
        throttle: {
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            ...spacing
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}

// EXTERNAL MODULE: ./src/domain/labels.ts
var domain_labels = __webpack_require__(5745);
;// CONCATENATED MODULE: ./src/domain/comment.ts
// The one sticky PR comment: found again by its hidden marker and edited in place. Pure: the
// text is a function of what happened and of the environment's facts.

const COMMENT_MARKER = '<!-- showtime:status -->';
const STOP_LABEL = `\`${domain_labels/* TRIGGER_STOP */.A$}\``;
const START_LABEL = `\`${domain_labels/* TRIGGER_START */.Gu}\``;
function renderComment(event, facts) {
    const short = facts.sha.slice(0, 7);
    const commit = `[\`${short}\`](${facts.serverUrl}/${facts.repository}/commit/${facts.sha})`;
    const lines = [COMMENT_MARKER, `### 🎪 Showtime: ${headline(event, commit)}`, ''];
    const rows = [];
    switch (event.kind) {
        case 'building':
            rows.push(['Status', '🏗️ building']);
            break;
        case 'running':
            rows.push(['Status', '🟢 running'], ['URL', event.url]);
            break;
        case 'failed':
            rows.push(['Status', '❌ failed'], ['Cause', inline(event.cause)]);
            break;
        case 'torn-down':
            rows.push(['Status', '🛑 torn down']);
            break;
        default:
            break;
    }
    if (rows.length > 0) {
        rows.push(['Commit', commit]);
        if (facts.requester)
            rows.push(['Requested by', `@${facts.requester}`]);
        if (facts.createdAt !== undefined && event.kind !== 'torn-down')
            rows.push(['Created', utc(facts.createdAt)]);
        if (facts.ttl && event.kind !== 'torn-down') {
            const expiry = facts.expiresAt === undefined
                ? 'kept until the PR closes'
                : `expires ${utc(facts.expiresAt)}`;
            rows.push(['Lifetime', `${facts.ttl}: ${expiry}`]);
        }
        if (facts.runUrl)
            rows.push(['Run', `[workflow run](${facts.runUrl})`]);
        lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
    }
    lines.push(...advice(event));
    return lines.join('\n');
}
function headline(event, commit) {
    switch (event.kind) {
        case 'building':
            return `building ${commit}`;
        case 'running':
            return `${commit} is live`;
        case 'failed':
            return `${commit} failed`;
        case 'torn-down':
            return `environment ${event.why === 'expired' ? 'expired' : event.why === 'closed' ? 'removed: the PR is closed' : 'stopped'}`;
        case 'unauthorised':
            return 'start label ignored';
        case 'fork-held':
            return `${commit} is waiting for approval`;
        case 'over-cap':
            return 'no environment started';
    }
}
function advice(event) {
    const extend = `\`${(0,domain_labels/* formatLabel */.wR)({ kind: 'ttl', value: '1w' })}\``;
    switch (event.kind) {
        case 'building':
        case 'running':
            return [
                `Stop it: add ${STOP_LABEL} · Hold new commits: add \`${domain_labels/* FREEZE */.kY}\` · Keep it longer: add ${extend} · Rebuild: add ${START_LABEL}`
            ];
        case 'failed':
            return [`Retry: add ${START_LABEL} again. The workflow run's log has the details.`];
        case 'torn-down':
            return event.why === 'closed'
                ? ['Every environment of this PR and its AWS resources are gone.']
                : [
                    `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START_LABEL}.`
                ];
        case 'unauthorised':
            return [
                `@${event.login} may not start or stop environments: only users with the ${event.roles.join(', ')} role on this repository may. The label was removed.`
            ];
        case 'fork-held':
            return [
                `New commits from a fork are not deployed on their own. A maintainer approves this commit by adding ${START_LABEL}; the current environment keeps running its reviewed commit until then.`
            ];
        case 'over-cap':
            return [
                `${event.live} environments run already, the most this repository allows (${event.cap}). Stop one (add ${STOP_LABEL} on its PR) or wait for the scheduled cleanup, then add ${START_LABEL} again.`
            ];
    }
}
function utc(ms) {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** One line, no table-breaking pipes. */
function inline(text) {
    return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

;// CONCATENATED MODULE: ./src/github/comments.ts
// The sticky PR comment: edited in place once it exists, found again by its hidden marker.

function stickyComment(octokit, repository) {
    const ids = new Map();
    return {
        async upsert(pr, body, existing) {
            let id = ids.get(pr);
            if (id === undefined && existing > 0) {
                const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                    ...repository,
                    issue_number: pr,
                    per_page: 100
                });
                id = comments.findLast((c) => c.body?.includes(COMMENT_MARKER))?.id;
            }
            if (id !== undefined) {
                await octokit.rest.issues.updateComment({ ...repository, comment_id: id, body });
            }
            else {
                const { data } = await octokit.rest.issues.createComment({
                    ...repository,
                    issue_number: pr,
                    body
                });
                id = data.id;
            }
            ids.set(pr, id);
        }
    };
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
// GitHub Deployments, so the PR shows "View deployment": one per commit, in the environment of
// the PR. A token without `deployments: write` costs one warning, not a failed run.

function deployments(octokit, repository) {
    let permitted = true;
    async function guarded(what, call) {
        if (!permitted)
            return undefined;
        try {
            return await call();
        }
        catch (error) {
            const status = error.status;
            if (status === 403 || status === 404) {
                permitted = false;
                core/* warning */.$e(`GitHub deployments are skipped: the token may not ${what} (${error.message}). ` +
                    'Give the workflow `deployments: write`, or set the deployments input to false.');
                return undefined;
            }
            throw error;
        }
    }
    const statusBody = (status) => ({
        ...(status.environmentUrl && { environment_url: status.environmentUrl }),
        ...(status.logUrl && { log_url: status.logUrl }),
        ...(status.description && { description: status.description.slice(0, 140) })
    });
    return {
        async start(ref, environment, description, status) {
            return guarded('create deployments', async () => {
                const { data } = await octokit.rest.repos.createDeployment({
                    ...repository,
                    ref,
                    environment,
                    description,
                    auto_merge: false,
                    required_contexts: [],
                    // Not transient: a later success then marks the previous commit's deployment inactive.
                    transient_environment: false,
                    production_environment: false
                });
                if (!('id' in data))
                    throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason'}`);
                await octokit.rest.repos.createDeploymentStatus({
                    ...repository,
                    deployment_id: data.id,
                    state: 'in_progress',
                    ...statusBody(status)
                });
                return data.id;
            });
        },
        async setStatus(id, state, status) {
            await guarded('set deployment statuses', () => octokit.rest.repos.createDeploymentStatus({
                ...repository,
                deployment_id: id,
                state,
                ...statusBody(status)
            }));
        },
        async deactivate(environment, status) {
            await guarded('read deployments', async () => {
                // Each success marked the earlier deployments inactive: only the newest can still be live.
                const { data } = await octokit.rest.repos.listDeployments({
                    ...repository,
                    environment,
                    per_page: 1
                });
                const newest = data[0];
                if (!newest)
                    return;
                await octokit.rest.repos.createDeploymentStatus({
                    ...repository,
                    deployment_id: newest.id,
                    state: 'inactive',
                    ...statusBody(status)
                });
            });
        }
    };
}

;// CONCATENATED MODULE: ./src/domain/label-definitions.ts
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
    const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
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

;// CONCATENATED MODULE: ./src/github/labels.ts
// Attaches and detaches PR labels, giving new label names their colour and description first.
// Every answer carries the PR's labels as GitHub now has them, which callers use as a fresh read.



function labelWriter(octokit, repository, known) {
    // Names attached somewhere already have a definition: they are never re-patched (reference Q15).
    const defined = new Set(known);
    async function define(name) {
        // Static definitions are kept by cleanup: a first use costs no request here.
        if (defined.has(name) || domain_labels/* STATIC_LABELS */.r4.includes(name))
            return;
        const { color, description } = labelDefinition(name);
        try {
            await octokit.rest.issues.createLabel({ ...repository, name, color, description });
        }
        catch (error) {
            const already = error.response?.data?.errors?.some((e) => e.code === 'already_exists');
            if (!already)
                core/* warning */.$e(`could not create the label definition "${name}": ${error.message}`);
        }
        defined.add(name);
    }
    return {
        async add(pr, names) {
            for (const name of names)
                await define(name);
            const { data } = await octokit.rest.issues.addLabels({
                ...repository,
                issue_number: pr,
                labels: [...names]
            });
            return data.map((label) => label.name);
        },
        async remove(pr, name) {
            try {
                const { data } = await octokit.rest.issues.removeLabel({
                    ...repository,
                    issue_number: pr,
                    name
                });
                return data.map((label) => label.name);
            }
            catch (error) {
                if (error.status === 404)
                    return undefined;
                throw error;
            }
        }
    };
}
function definitionWriter(octokit, repository) {
    return {
        async create(name) {
            const { color, description } = labelDefinition(name);
            await octokit.rest.issues.createLabel({ ...repository, name, color, description });
        },
        async update(name) {
            const { color, description } = labelDefinition(name);
            await octokit.rest.issues.updateLabel({ ...repository, name, color, description });
        },
        async remove(name) {
            try {
                await octokit.rest.issues.deleteLabel({ ...repository, name });
                return 'deleted';
            }
            catch (error) {
                if (error.status === 404)
                    return 'absent';
                throw error;
            }
        }
    };
}

// EXTERNAL MODULE: ./src/domain/pull-request.ts
var pull_request = __webpack_require__(2901);
;// CONCATENATED MODULE: ./src/github/pull-requests.ts
// Reads a pull request and a user's role. No decisions here: the planner makes them.

function pullRequestReader(octokit, repository) {
    return {
        async getPullRequest(number) {
            const { data } = await octokit.rest.pulls.get({ ...repository, pull_number: number });
            const baseRepo = data.base.repo.full_name;
            const headRepo = data.head.repo?.full_name;
            return {
                number: data.number,
                state: data.state === 'closed' ? 'closed' : 'open',
                headSha: data.head.sha,
                author: data.user?.login ?? '',
                // A deleted fork has no head repository: treat it as untrusted too.
                isFork: headRepo !== baseRepo,
                labels: data.labels.map((label) => label.name),
                body: data.body ?? '',
                comments: data.comments
            };
        },
        async getPermission(login) {
            try {
                const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
                    ...repository,
                    username: login
                });
                // role_name keeps maintain and triage apart; the legacy permission field folds them.
                const role = data.role_name ?? '';
                if ((0,pull_request/* isPermission */.Y)(role))
                    return role;
                return (0,pull_request/* isPermission */.Y)(data.permission) ? data.permission : 'none';
            }
            catch (error) {
                if (error.status === 404)
                    return 'none';
                throw error;
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/github/repository-scan.ts
// Reads what the scheduled cleanup needs from the whole repository without a request per PR:
// open PRs with their labels from the pulls list (100 a page), and every 🎪 label definition
// with what it is attached to from one GraphQL query per 100 repository labels.

const LABEL_SCAN = `query ShowtimeLabelScan($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        color
        issues { totalCount }
        pullRequests { totalCount }
        closedPullRequests: pullRequests(first: 20, states: [CLOSED, MERGED]) { totalCount nodes { number } }
      }
    }
  }
}`;
const LABEL_PULLS = `query ShowtimeLabelPulls($owner: String!, $name: String!, $label: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    label(name: $label) {
      pullRequests(first: 100, after: $cursor, states: [CLOSED, MERGED]) {
        pageInfo { hasNextPage endCursor }
        nodes { number }
      }
    }
  }
}`;
function repositoryScanner(octokit, repository) {
    const variables = { owner: repository.owner, name: repository.repo };
    async function closedPullsOf(label) {
        const numbers = [];
        let cursor = null;
        do {
            const data = await octokit.graphql(LABEL_PULLS, { ...variables, label, cursor });
            const page = data.repository.label?.pullRequests;
            if (!page)
                break;
            numbers.push(...page.nodes.map((n) => n.number));
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (cursor);
        return numbers;
    }
    return {
        async openPullRequests() {
            const pulls = await octokit.paginate(octokit.rest.pulls.list, {
                ...repository,
                state: 'open',
                per_page: 100
            });
            return pulls.map((p) => ({ number: p.number, labels: p.labels.map((l) => l.name) }));
        },
        async labelScan() {
            const definitions = [];
            const closed = new Set();
            let cursor = null;
            do {
                const data = await octokit.graphql(LABEL_SCAN, { ...variables, cursor });
                const page = data.repository.labels;
                // Filtered here: GitHub's label search ranks by relevance and may lag behind new labels.
                for (const node of page.nodes.filter((n) => (0,domain_labels/* isShowtimeLabel */.HD)(n.name))) {
                    definitions.push({
                        name: node.name,
                        color: node.color,
                        attachments: node.issues.totalCount + node.pullRequests.totalCount
                    });
                    const listed = node.closedPullRequests.nodes.map((n) => n.number);
                    // A label on more closed PRs than the first page holds (a TTL label, say) is paged out.
                    const numbers = node.closedPullRequests.totalCount > listed.length
                        ? await closedPullsOf(node.name)
                        : listed;
                    for (const number of numbers)
                        closed.add(number);
                }
                cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
            } while (cursor);
            return { definitions, closedPullRequests: [...closed].sort((a, b) => a - b) };
        },
        async labelsOf(number) {
            const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
                ...repository,
                issue_number: number,
                per_page: 100
            });
            return labels.map((l) => l.name);
        }
    };
}

;// CONCATENATED MODULE: ./src/domain/show.ts
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
    return show.createdAt === undefined ? undefined : (0,domain_labels/* parseCreatedAt */.lu)(show.createdAt);
}

// EXTERNAL MODULE: ./src/domain/ttl.ts
var domain_ttl = __webpack_require__(8140);
;// CONCATENATED MODULE: ./src/domain/label-state.ts
// Everything a PR's labels say, read into one value. Label order never changes the result: names
// are sorted first, and every "two of a kind" case has a rule (see `README.md`, label reference).



function readLabels(names) {
    const showtimeLabels = [
        ...new Set(names.filter((n) => typeof n === 'string' && (0,domain_labels/* isShowtimeLabel */.HD)(n)))
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
        const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
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
                const value = (0,domain_ttl/* parseTtl */.Kw)(parsed.value);
                if (value)
                    ttl = ttl ? (0,domain_ttl/* longerTtl */.K4)(ttl, value) : value;
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
        const status = pick(entry.status, (a, b) => statusRank(a.value) - statusRank(b.value));
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
    const active = pick(pointers.flatMap((p) => showsBySha.get(p.sha) ?? []), (a, b) => Number(statusClass(b.status) === 'running') - Number(statusClass(a.status) === 'running') ||
        (createdAtMs(b) ?? 0) - (createdAtMs(a) ?? 0) ||
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

;// CONCATENATED MODULE: ./src/domain/planner.ts
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
    const target = findShow(input.pr.labels, input.targetSha);
    const sha = shortSha(input.targetSha);
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
            const kind = event.label === undefined ? undefined : (0,domain_labels/* parseLabel */.Q_)(event.label).kind;
            return kind === 'freeze' || kind === 'blocked';
        }
        default:
            return false;
    }
}
function withoutTrigger(input) {
    const { pr, event } = input;
    const labels = pr.labels;
    const target = findShow(labels, input.targetSha);
    const sha = shortSha(input.targetSha);
    const state = target && targetState(target, input);
    if (state === 'running')
        return noAction('already_running', `${sha} is already running`);
    if (state === 'in-progress')
        return noAction('in_progress', `${sha} is already ${target?.status}`);
    if (!isRolloutEvent(event)) {
        return noAction('not_a_deploy_event', `a ${describeEvent(event)} event deploys nothing new`);
    }
    if (labels.shows.length === 0) {
        return noAction('no_environment', `the PR has no environment: add the label ${domain_labels/* TRIGGER_START */.Gu} to create one`);
    }
    if (state === 'failed' || state === 'stale') {
        return noAction('target_failed', `${sha} ${state === 'failed' ? 'failed' : 'was abandoned'}: add ${domain_labels/* TRIGGER_START */.Gu} to retry`);
    }
    if (labels.freeze) {
        return noAction('frozen', `the PR is frozen (🎪 🧊 showtime-freeze): ${sha} is not rolled out`);
    }
    if (pr.isFork && event.kind !== 'dispatch') {
        return {
            action: 'no_action',
            reason: 'fork_commit_needs_approval',
            message: `${sha} comes from a fork: a maintainer approves it by adding ${domain_labels/* TRIGGER_START */.Gu}`,
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
    const cls = statusClass(show.status);
    if (cls !== 'in-progress')
        return cls;
    const started = createdAtMs(show);
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
    const sha = shortSha(input.targetSha);
    const target = findShow(labels, sha);
    const forcedRebuild = target !== undefined && statusClass(target.status) === 'running';
    const image = imageReference(policy.imageRepository, pr.number, sha);
    const service = serviceName(pr.number, sha);
    // A forced rebuild keeps the running environment's address and pointer: it serves until the
    // replacement is healthy (reference Q5).
    const keep = (name) => {
        if (!forcedRebuild)
            return false;
        const kind = (0,domain_labels/* parseLabel */.Q_)(name).kind;
        return kind === 'ip' || kind === 'pointer';
    };
    const claimLabels = [
        (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: 'building' }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'created', sha, at: (0,domain_labels/* formatCreatedAt */.zO)(input.now) }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'requester', sha, login: input.actor.login })
    ];
    if (labels.ttl === undefined)
        claimLabels.push((0,domain_labels/* formatLabel */.wR)({ kind: 'ttl', value: policy.defaultTtl }));
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
        const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
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
    const head = shortSha(input.pr.headSha);
    return (show.sha === head &&
        shortSha(input.targetSha) !== head &&
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
        service: serviceName(pr, show.sha),
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
    const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
    const show = 'sha' in parsed ? labels.shows.find((s) => s.sha === parsed.sha) : undefined;
    if (!show)
        return [];
    const { sha } = show;
    switch (parsed.kind) {
        case 'status':
            return parsed.status === show.status
                ? [(0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: show.status })]
                : [];
        case 'created':
            return parsed.at === show.createdAt
                ? [(0,domain_labels/* formatLabel */.wR)({ kind: 'created', sha, at: parsed.at })]
                : [];
        case 'requester':
            return parsed.login === show.requester
                ? [(0,domain_labels/* formatLabel */.wR)({ kind: 'requester', sha, login: parsed.login })]
                : [];
        case 'ip':
            return parsed.ip === show.ip && parsed.port === show.port
                ? [(0,domain_labels/* formatLabel */.wR)({ kind: 'ip', sha, ip: parsed.ip, port: parsed.port })]
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
    const show = activeShow(labels);
    return show ? showUrl(show, defaultPort) : undefined;
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

// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
;// CONCATENATED MODULE: ./src/event.ts
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
    const sender = stringAt(payload, 'sender', 'login') || runner.actor || defaults/* UNKNOWN_ACTOR */.vU;
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
            number = (0,src_inputs/* prNumber */.K9)(rawNumber, 'pr_number (workflow_dispatch)');
        const rawSha = String(inputs.sha ?? '').trim();
        if (rawSha !== '')
            eventSha = (0,src_inputs/* commitSha */.mJ)(rawSha, 'sha (workflow_dispatch)');
    }
    const prNumberResolved = overrides.prNumber ?? number;
    if (prNumberResolved === undefined) {
        throw new errors/* InputError */.d(`No pull request to act on: the ${runner.eventName || 'unknown'} event names none; set the pr-number input.`);
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

;// CONCATENATED MODULE: ./src/outputs.ts
// The step outputs, computed from a decision. Every mode sets the same names (see action.yml).



function decisionOutputs(decision, pr, context) {
    const target = findShow(pr.labels, decision.targetSha);
    return {
        build_needed: String(decision.buildNeeded),
        sync_needed: String(decision.syncNeeded),
        target_sha: decision.targetSha,
        pr_number: String(pr.number),
        action_needed: decision.action,
        action_reason: decision.reason,
        status: target?.status ?? '',
        url: currentUrl(pr.labels, context.containerPort) ?? '',
        service_name: serviceName(pr.number, decision.targetSha),
        image: imageReference(context.imageRepository, pr.number, decision.targetSha)
    };
}

;// CONCATENATED MODULE: ./src/report.ts
// What people read: the log lines and the job summary. Formatting only; no decisions.


function logLabelProblems(labels) {
    for (const problem of labels.problems)
        core/* warning */.$e(problem);
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
    core/* info */.pq(`Decision: ${decision.action} (${decision.reason}): ${decision.message}`);
    for (const [index, step] of decision.steps.entries())
        core/* info */.pq(`  ${index + 1}. ${describeStep(step)}`);
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
        showUrl(show, containerPort) ?? '',
        age(createdAtMs(show), now),
        show.requester ?? '',
        serviceName(pr.number, show.sha)
    ]);
}
async function writeDecisionSummary(title, pr, decision, containerPort, now) {
    const summary = core/* summary */.z.addHeading(title, 2).addTable([
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

;// CONCATENATED MODULE: ./src/snapshot.ts

function toSnapshot(data) {
    return {
        number: data.number,
        state: data.state,
        headSha: data.headSha,
        author: data.author,
        isFork: data.isFork,
        labels: readLabels(data.labels)
    };
}

;// CONCATENATED MODULE: ./src/modes/check.ts
// check: decide what the event means for the PR and say so in the outputs. Writes nothing to
// GitHub. Costs one request (the PR), plus one for the sender's role when a trigger needs it.







function policyFrom(inputs) {
    return {
        allowedPermissions: inputs.allowedPermissions,
        staleAfterMs: defaults/* STALE_IN_PROGRESS_MS */.$I,
        defaultTtl: inputs.ttl.text,
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort
    };
}
/** Reads the facts and plans: shared by check and sync. */
async function decideForEvent(inputs, deps) {
    const target = readEvent(deps.runner, {
        ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
        ...(inputs.sha !== undefined && { sha: inputs.sha })
    });
    const data = await deps.github.getPullRequest(target.prNumber);
    const pr = toSnapshot(data);
    logLabelProblems(pr.labels);
    const policy = policyFrom(inputs);
    const base = {
        pr,
        event: target.event,
        targetSha: resolveTargetSha(target.eventSha, pr.headSha),
        now: deps.now(),
        policy
    };
    const login = target.event.sender;
    let decision = plan({
        ...base,
        actor: withPermission(login, impliedPermission(target.event, pr, policy))
    });
    if (decision.needsPermission) {
        const permission = await deps.github.getPermission(login);
        core/* info */.pq(`${login} has the ${permission} role`);
        decision = plan({ ...base, actor: { login, permission } });
    }
    const explicitSha = inputs.sha !== undefined || (target.event.kind === 'dispatch' && target.eventSha !== undefined);
    return { pr, data, decision, explicitSha, sender: login };
}
function withPermission(login, permission) {
    return permission === undefined ? { login } : { login, permission };
}
async function runCheck(inputs, deps) {
    const { pr, decision } = await decideForEvent(inputs, deps);
    logDecision(decision);
    const outputs = decisionOutputs(decision, pr, {
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort
    });
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    await writeDecisionSummary(`🎪 Showtime check: PR #${pr.number}`, pr, decision, inputs.containerPort, deps.now());
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/domain/status-change.ts
// Label changes for one SHA's status: used by sync's transitions and by set-state. Pure.

function labelsOf(labels, sha, kinds) {
    return labels.showtimeLabels.filter((name) => {
        const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
        return 'sha' in parsed && parsed.sha === sha && kinds.includes(parsed.kind);
    });
}
/** The SHA's status labels as they are now (normally one). */
function statusLabels(labels, sha) {
    return labelsOf(labels, sha, ['status']);
}
/** Replace the SHA's status. */
function statusChange(labels, sha, status) {
    const label = (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status });
    return { add: [label], remove: statusLabels(labels, sha).filter((l) => l !== label) };
}
/** The SHA serves: status running, its address, and the only 🎯 pointer. */
function goLiveChange(labels, sha, address, extraPointers) {
    const add = [
        (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: 'running' }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'ip', sha, ...address }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'pointer', sha })
    ];
    const otherPointers = labels.showtimeLabels.filter((name) => {
        const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
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
        add.push((0,domain_labels/* formatLabel */.wR)({ kind: 'created', sha, at: (0,domain_labels/* formatCreatedAt */.zO)(options.now) }));
        add.push((0,domain_labels/* formatLabel */.wR)({ kind: 'requester', sha, login: options.actor }));
    }
    if (status === 'running') {
        add.push((0,domain_labels/* formatLabel */.wR)({ kind: 'pointer', sha }));
        for (const name of labels.showtimeLabels) {
            const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
            if (parsed.kind === 'pointer' && parsed.sha !== sha)
                remove.push(name);
        }
    }
    return { add, remove };
}

;// CONCATENATED MODULE: ./src/domain/cleanup-plan.ts
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
            const service = serviceName(pr.number, show.sha);
            const facts_ = services.get(service);
            const created = createdAtMs(show) ?? facts_?.createdAt;
            const age = created === undefined ? undefined : facts.now - created;
            const cls = statusClass(show.status);
            const row = {
                pr: pr.number,
                sha: show.sha,
                status: show.status,
                ttl: ttl.text,
                url: showUrl(show, policy.containerPort) ?? '',
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
                const change = statusChange(pr.labels, show.sha, 'failed');
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
        const named = pr.labels.shows.map((s) => serviceName(pr.number, s.sha));
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
    if (age !== undefined && age > (0,domain_ttl/* ttlMilliseconds */.Nu)(ttl)) {
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
        return (attached !== undefined && (0,domain_labels/* isPerShaLabel */.SI)(name) && attached - (removals.get(name) ?? 0) <= 0);
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
        if ((0,domain_labels/* isPerShaLabel */.SI)(definition.name) &&
            definition.attachments === 0 &&
            !removals.has(definition.name)) {
            result.push({ kind: 'delete-definition', name: definition.name });
        }
    }
    const colors = new Map(definitions.map((d) => [d.name, d.color?.toLowerCase()]));
    for (const name of domain_labels/* STATIC_LABELS */.r4) {
        if (!existing.has(name))
            result.push({ kind: 'create-definition', name });
        else {
            const color = colors.get(name);
            if (color !== undefined && color !== labelDefinition(name).color.toLowerCase()) {
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

;// CONCATENATED MODULE: ./src/modes/cleanup.ts
// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide, then carries the plan out: AWS deletions a few at a time, GitHub writes one after the
// other (paced by the throttling plugin). One failure never stops the others; the run fails at the
// end if anything failed, and the job summary says what.








/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4;
async function runCleanup(inputs, deps) {
    const failures = [];
    const facts = await core/* group */.Os('read the repository and the cluster', () => gatherFacts(inputs, deps, failures));
    const plan = planCleanup(facts, {
        olderThan: inputs.olderThan,
        respectTtl: inputs.respectTtl,
        staleAfterMs: defaults/* STALE_IN_PROGRESS_MS */.$I,
        maxEnvironments: inputs.maxEnvironments,
        containerPort: inputs.containerPort
    });
    core/* info */.pq(`${plan.actions.length} actions planned`);
    const executor = new Executor(inputs, deps, failures);
    await core/* group */.Os('carry out the plan', () => executor.run(plan));
    await writeSummary(plan, executor, failures, inputs);
    if (failures.length > 0) {
        core/* setFailed */.C1(`cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`);
    }
}
async function gatherFacts(inputs, deps, failures) {
    const attempt = async (what, read) => {
        try {
            return await read();
        }
        catch (error) {
            failures.push(`reading ${what}: ${(0,errors/* oneLine */.T)(error)}`);
            core/* error */.z3(`could not read ${what}: ${(0,errors/* oneLine */.T)(error)}`);
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
        .filter((pr) => pr.labels.some(domain_labels/* isShowtimeLabel */.HD))
        .map((pr) => ({ number: pr.number, labels: readLabels(pr.labels) }));
    const openNumbers = new Set((open ?? []).map((pr) => pr.number));
    const closedPrs = [];
    for (const number of scan?.closedPullRequests ?? []) {
        if (openNumbers.has(number))
            continue;
        const labels = await attempt(`the labels of PR #${number}`, () => deps.scanner.labelsOf(number));
        if (labels?.some(domain_labels/* isShowtimeLabel */.HD))
            closedPrs.push({ number, labels: readLabels(labels) });
    }
    core/* info */.pq(`${open?.length ?? '?'} open PRs, ${openPrs.length} with 🎪 labels; ${closedPrs.length} closed PRs with 🎪 labels; ` +
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
        const limit = (0,p_limit/* default */.A)(AWS_CONCURRENCY);
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
                    core/* info */.pq(`[dry-run-aws] would delete ${service}`);
                    continue;
                }
                const result = await (await this.host()).deleteService(service);
                core/* info */.pq(result === 'deleted' ? `deleted ${service}` : `${service} was already gone`);
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
            if (planned + cost > defaults/* CLEANUP_WRITE_BUDGET */.jf) {
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
            core/* info */.pq(`[dry-run-github] would ${what}`);
            return;
        }
        this.writes++;
        core/* info */.pq(what);
        await send();
    }
    fail(action, error) {
        const message = `${describe(action)}: ${(0,errors/* oneLine */.T)(error)}`;
        this.failures.push(message);
        core/* error */.z3(message);
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
    const summary = core/* summary */.z.addHeading(`🎪 Showtime cleanup${dry ? ' (dry run)' : ''}`, 2);
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
                escapeHtml(r.action)
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
        totals.push(`${executor.deferred.length} actions left for the next run (over the budget of ${defaults/* CLEANUP_WRITE_BUDGET */.jf} GitHub writes)`);
    }
    summary.addHeading('Totals', 3).addList(totals);
    if (failures.length > 0)
        summary.addHeading('Failures', 3).addList(failures.map(escapeHtml));
    for (const line of totals)
        core/* info */.pq(line);
    await summary.write();
}

;// CONCATENATED MODULE: ./src/label-session.ts
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
        return readLabels(this.view);
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
            core/* info */.pq(`[dry-run-github] would add ${missing.map(quote).join(', ')}`);
            this.view = [...this.view, ...missing];
            return;
        }
        core/* info */.pq(`+ ${missing.join(', ')}`);
        this.view = await this.writer.add(this.pr, missing);
    }
    /** Removes labels that are on the PR; one that is already gone counts as removed. */
    async remove(names) {
        for (const name of names.filter((n) => this.has(n))) {
            if (this.dryRun) {
                core/* info */.pq(`[dry-run-github] would remove ${quote(name)}`);
                this.view = this.view.filter((n) => n !== name);
                continue;
            }
            core/* info */.pq(`- ${name}`);
            const after = await this.writer.remove(this.pr, name);
            this.view = after ?? this.view.filter((n) => n !== name);
        }
    }
    /** The claim gate: true only for the run whose removal GitHub accepted (a second one gets 404). */
    async take(name) {
        if (this.dryRun) {
            core/* info */.pq(`[dry-run-github] would remove ${quote(name)} to claim the PR`);
            const present = this.has(name);
            this.view = this.view.filter((n) => n !== name);
            return present;
        }
        core/* info */.pq(`- ${name} (claim)`);
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

;// CONCATENATED MODULE: ./src/modes/set-state.ts
// set-state: give one SHA a status (building, deploying, running or failed) without touching the
// PR's other labels. The SHA is the sha input, else the event's commit, else the PR head.









async function runSetState(inputs, deps) {
    const status = inputs.state;
    if (status === undefined)
        throw new Error('set-state needs the state input');
    const target = readEvent(deps.runner, {
        ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
        ...(inputs.sha !== undefined && { sha: inputs.sha })
    });
    const data = await deps.github.getPullRequest(target.prNumber);
    const targetSha = resolveTargetSha(target.eventSha, data.headSha);
    const sha = shortSha(targetSha);
    const session = new LabelSession(deps.labels(data.labels), data.number, data.labels, inputs.dryRun.github);
    const change = setStateChange(readLabels(data.labels), sha, status, {
        now: deps.now(),
        actor: target.event.sender
    });
    await core/* group */.Os(`set ${sha} to ${status}`, async () => {
        await session.add(change.add);
        await session.remove(change.remove);
    });
    if (status === 'failed') {
        core/* error */.z3(`${sha} failed: ${inputs.errorMessage || 'no cause given (error-message input)'}`, {
            title: 'Showtime'
        });
    }
    const pr = { ...toSnapshot(data), labels: session.state() };
    const outputs = decisionOutputs({
        action: 'no_action',
        reason: `set_state_${status}`,
        buildNeeded: false,
        syncNeeded: false,
        targetSha
    }, pr, { imageRepository: inputs.docker.imageRepository, containerPort: inputs.containerPort });
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    const summary = core/* summary */.z.addHeading(`🎪 Showtime set-state: PR #${pr.number}`, 2);
    summary.addRaw(`${sha} is now <b>${status}</b>.`, true);
    if (status === 'failed' && inputs.errorMessage)
        summary.addRaw(`Cause: ${escapeHtml(inputs.errorMessage)}`, true);
    summary.addTable([
        ['SHA', 'Status', 'URL', 'Age', 'Requested by', 'Service'].map((data) => ({
            data,
            header: true
        })),
        ...environmentsTable(pr, inputs.containerPort, deps.now())
    ]);
    await summary.write();
}

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

// EXTERNAL MODULE: ./src/run-state.ts
var run_state = __webpack_require__(518);
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
    const { pr, data, decision, explicitSha, sender } = await decideForEvent(inputs, deps);
    logDecision(decision);
    const session = new LabelSession(deps.labels(data.labels), pr.number, data.labels, inputs.dryRun.github);
    const notifier = deps.notifier(pr.number, data.comments);
    const run = new SyncRun(inputs, deps, pr, decision, session, data.body, explicitSha, sender, notifier);
    const outcome = decision.syncNeeded ? await run.execute() : { kind: 'done' };
    const after = { ...pr, labels: session.state() };
    const outputs = decisionOutputs(decision, after, {
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
    await writeDecisionSummary(title, after, decision, inputs.containerPort, deps.now());
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
    sender;
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
    constructor(inputs, deps, pr, decision, session, body, explicitSha, sender, notifier) {
        this.inputs = inputs;
        this.deps = deps;
        this.pr = pr;
        this.decision = decision;
        this.session = session;
        this.body = body;
        this.explicitSha = explicitSha;
        this.sender = sender;
        this.notifier = notifier;
    }
    get sha() {
        return shortSha(this.decision.targetSha);
    }
    get service() {
        return serviceName(this.pr.number, this.decision.targetSha);
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
                await this.change(step.sha, statusChange(this.session.state(), step.sha, step.status));
                return undefined;
            case 'deploy':
                this.deployed = await this.deploy(step.image);
                return undefined;
            case 'go-live': {
                const ip = this.deployed?.ip ?? DRY_RUN_IP;
                const change = goLiveChange(this.session.state(), step.sha, { ip, port: this.inputs.containerPort }, step.removePointers);
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
                        login: this.sender,
                        roles: this.inputs.allowedPermissions
                    }, this.decision.targetSha);
                return undefined;
        }
    }
    /** With max-environments set, a PR without a live environment may not start one while the
     * cluster already runs that many (a roll-over replaces the PR's own, so it is always allowed). */
    async refuseOverCap() {
        const cap = this.inputs.maxEnvironments;
        if (cap === 0 || this.decision.action !== 'create_environment' || this.inputs.dryRun.aws)
            return undefined;
        const live = (s) => ['running', 'in-progress'].includes(statusClass(s.status));
        if (this.pr.labels.shows.some(live))
            return undefined;
        const count = (await (await this.host()).listServices()).filter(isManagedService).length;
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
                : `the PR moved on to ${shortSha(fresh.headSha)}`;
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
        const before = statusLabels(this.session.state(), sha);
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
            await (0,external_node_timers_promises_.setTimeout)(this.inputs.awsSleepSeconds * 1000);
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
        const taskDefinition = renderTaskDefinition(await this.deps.template(), {
            image,
            containerPort: this.inputs.containerPort,
            flags
        });
        const requester = this.session.state().shows.find((s) => s.sha === this.sha)?.requester ?? 'unknown';
        return deployEnvironment(await this.host(), {
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
        core/* summary */.z.addRaw(`<p><b>Cause:</b> ${escapeHtml(cause)}</p>`, true);
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
            await this.session.add(statusChange(this.session.state(), this.sha, status).add);
            const state = this.session.state();
            const leftovers = serving
                ? []
                : state.showtimeLabels.filter((name) => {
                    const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
                    return (parsed.kind === 'ip' || parsed.kind === 'pointer') && parsed.sha === this.sha;
                });
            await this.session.remove([...statusChange(state, this.sha, status).remove, ...leftovers]);
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

;// CONCATENATED MODULE: ./src/notifier.ts
// Tells people on the PR what happened: the sticky comment and the GitHub deployment of the
// commit. Neither may fail a run: a problem here is a warning, the environment matters more.



function environmentName(template, pr) {
    return template.replaceAll('{pr}', String(pr));
}
class Notifier {
    options;
    deploymentId;
    constructor(options) {
        this.options = options;
    }
    async comment(event, sha, facts = {}) {
        const { comments, dryRun, pr, commentCount } = this.options;
        if (!comments)
            return;
        const body = renderComment(event, { ...this.options.facts, ...facts, sha });
        if (dryRun) {
            core/* info */.pq(`[dry-run-github] would set the PR comment to:\n${body}`);
            return;
        }
        await this.quietly('update the PR comment', () => comments.upsert(pr, body, commentCount));
    }
    async deploymentStarted(sha) {
        const { deployments, dryRun, environment } = this.options;
        if (!deployments)
            return;
        if (dryRun) {
            core/* info */.pq(`[dry-run-github] would create a deployment of ${sha} in ${environment}, in progress`);
            return;
        }
        await this.quietly('create the deployment', async () => {
            this.deploymentId = await deployments.start(sha, environment, `Showtime environment of ${sha.slice(0, 7)}`, this.status());
        });
    }
    async deploymentFinished(state, environmentUrl) {
        const { deployments, dryRun } = this.options;
        const id = this.deploymentId;
        if (!deployments || (id === undefined && !dryRun))
            return;
        if (dryRun) {
            core/* info */.pq(`[dry-run-github] would set the deployment to ${state}${environmentUrl ? ` at ${environmentUrl}` : ''}`);
            return;
        }
        await this.quietly(`set the deployment to ${state}`, () => deployments.setStatus(id, state, this.status(environmentUrl)));
    }
    async deploymentsGone() {
        const { deployments, dryRun, environment } = this.options;
        if (!deployments)
            return;
        if (dryRun) {
            core/* info */.pq(`[dry-run-github] would mark the deployment in ${environment} inactive`);
            return;
        }
        await this.quietly('mark the deployment inactive', () => deployments.deactivate(environment, this.status()));
    }
    status(environmentUrl) {
        const logUrl = this.options.facts.runUrl;
        return { ...(environmentUrl && { environmentUrl }), ...(logUrl && { logUrl }) };
    }
    async quietly(what, call) {
        try {
            await call();
        }
        catch (error) {
            core/* warning */.$e(`could not ${what}: ${(0,errors/* oneLine */.T)(error)}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/post.ts
// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: mark the SHA failed and release the service.





async function releaseInFlight(inFlight, deps) {
    const data = await deps.github.getPullRequest(inFlight.pr);
    const state = readLabels(data.labels);
    const show = state.shows.find((s) => s.sha === inFlight.sha);
    const session = new LabelSession(deps.labels(data.labels), inFlight.pr, data.labels, false);
    if (show && statusClass(show.status) === 'running') {
        // It went live just before it was stopped: keep it, drop the status it was leaving.
        core/* info */.pq(`${inFlight.sha} went live before the run stopped: it stays`);
        await session.remove(statusChange(state, inFlight.sha, 'running').remove);
        return;
    }
    core/* warning */.$e(`The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`);
    if (inFlight.createdService) {
        const result = await (await deps.host()).deleteService(inFlight.service);
        core/* info */.pq(result === 'deleted' ? `deleted ${inFlight.service}` : `${inFlight.service} was already gone`);
    }
    else if (inFlight.previousTaskDefinition) {
        await (await deps.host()).updateService(inFlight.service, inFlight.previousTaskDefinition);
        core/* info */.pq(`rolled ${inFlight.service} back to ${inFlight.previousTaskDefinition}`);
    }
    if (!show || statusClass(show.status) !== 'in-progress')
        return;
    // An address from before this run means an earlier deployment of the SHA still serves.
    const status = show.ip !== undefined && inFlight.previousTaskDefinition !== undefined ? 'running' : 'failed';
    const change = statusChange(state, inFlight.sha, status);
    await session.add(change.add);
    await session.remove(statusLabels(session.state(), inFlight.sha).filter((l) => !change.add.includes(l)));
}

;// CONCATENATED MODULE: ./src/runtime.ts
// Everything a run needs except the AWS SDK, loaded by main.ts in one piece once the inputs are
// valid. The ECS/EC2 adapter, and with it the SDK, is loaded only when a run reaches AWS.

















async function runMode(inputs) {
    const github = githubRuntime(inputs.githubToken);
    const runner = { eventName: lib_github/* context */._.eventName, payload: lib_github/* context */._.payload, actor: lib_github/* context */._.actor };
    const now = Date.now;
    switch (inputs.mode) {
        case 'check':
            return runCheck(inputs, { github: github.reader, runner, now });
        case 'set-state':
            return runSetState(inputs, { github: github.reader, labels: github.labels, runner, now });
        case 'sync':
            return runSync(inputs, {
                github: github.reader,
                labels: github.labels,
                runner,
                now,
                host: () => ecsHost(inputs),
                builder: dockerBuilder,
                template: () => loadTemplate(inputs.aws.taskDefinitionPath),
                timing: scaledTiming((0,defaults/* timeScale */.Mw)(process.env)),
                repository: github.repository,
                notifier: notifierFactory(inputs, github)
            });
        case 'cleanup': {
            const notifier = notifierFactory(inputs, github);
            return runCleanup(inputs, {
                // The pulls list carries no comment count: look for the sticky comment every time.
                notifier: (pr) => notifier(pr, 1),
                scanner: repositoryScanner(github.octokit, github.repo),
                labels: labelWriter(github.octokit, github.repo, []),
                definitions: definitionWriter(github.octokit, github.repo),
                host: () => ecsHost(inputs),
                now
            });
        }
    }
}
/** The post step: release what an interrupted sync held. */
async function runPost(inputs, inFlight) {
    const github = githubRuntime(inputs.githubToken);
    await releaseInFlight(inFlight, {
        github: github.reader,
        labels: github.labels,
        host: () => ecsHost(inputs)
    });
}
function githubRuntime(token) {
    const octokit = createOctokit(token);
    const repo = lib_github/* context */._.repo;
    return {
        octokit,
        repo,
        reader: pullRequestReader(octokit, repo),
        labels: (known) => labelWriter(octokit, repo, known),
        repository: `${repo.owner}/${repo.repo}`,
        serverUrl: lib_github/* context */._.serverUrl,
        runUrl: `${lib_github/* context */._.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${lib_github/* context */._.runId}`
    };
}
/** The sticky comment and the deployments of a PR, as the comment and deployments inputs ask. */
function notifierFactory(inputs, github) {
    const comments = inputs.comment ? stickyComment(github.octokit, github.repo) : undefined;
    const records = inputs.deployments ? deployments(github.octokit, github.repo) : undefined;
    return (pr, commentCount) => new Notifier({
        pr,
        commentCount,
        environment: environmentName(inputs.deploymentEnvironment, pr),
        facts: { repository: github.repository, serverUrl: github.serverUrl, runUrl: github.runUrl },
        ...(comments && { comments }),
        ...(records && { deployments: records }),
        dryRun: inputs.dryRun.github
    });
}
/** The ECS/EC2 adapter, loaded only when a run reaches AWS. */
async function ecsHost(inputs) {
    return (await Promise.all(/* import() */[__webpack_require__.e(972), __webpack_require__.e(32)]).then(__webpack_require__.bind(__webpack_require__, 1032))).ecsHost(inputs.aws.region, inputs.aws.cluster);
}


/***/ })

};
