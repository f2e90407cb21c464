export const id = 600;
export const ids = [600];
export const modules = {

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMode: () => (/* binding */ runMode),
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./src/runner/core.ts
var core = __webpack_require__(1019);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/domain/load-balancer.ts
var load_balancer = __webpack_require__(6013);
;// CONCATENATED MODULE: ./src/aws/dry-run.ts
// dry-run-aws: what a run does instead of talking to AWS (the ECS cluster and the shared load
// balancer alike). sync simulates a cluster without reading
// AWS at all (no credentials needed): a task answers at 52.1.2.3 after aws-sleep seconds. cleanup
// reads the real cluster, since reads change nothing and its plan must be the real one, and prints
// every change instead of making it.



/** The address dry-run-aws reports (the one the Python tool faked). */
const DRY_RUN_IP = '52.1.2.3';
const would = (what) => core/* info */.pq(`[dry-run-aws] would ${what}`);
/** What a dry run's cluster does with every change: it prints it. */
const printedChanges = {
    async createService(spec) {
        would(`create the service ${spec.name}`);
    },
    async updateService({ name }) {
        would(`roll ${name} to the new task definition`);
    },
    async deleteService({ name }) {
        would(`delete ${name}`);
        return 'deleted';
    },
    async scaleService({ name }, _taskDefinition, desiredCount) {
        would(`scale ${name} to ${desiredCount} tasks`);
    },
    async deregisterTaskDefinition(arn) {
        would(`deregister ${arn}`);
    }
};
function registerPrinted(definition) {
    const family = String(definition.family);
    would(`register a revision of the task definition ${family}`);
    return Promise.resolve(`arn:aws:ecs:dry-run:000000000000:task-definition/${family}:1`);
}
function simulatedHost(awsSleepSeconds) {
    // The simulated service runs one task of the task definition it was created or rolled with.
    let taskDefinition;
    let waited = false;
    return {
        ...printedChanges,
        async createService(spec) {
            taskDefinition = spec.taskDefinition;
            await printedChanges.createService(spec);
        },
        async updateService(service, definition) {
            taskDefinition = definition;
            await printedChanges.updateService(service);
        },
        registerTaskDefinition: registerPrinted,
        async listServices() {
            return [];
        },
        async describeService() {
            return { status: 'MISSING', tags: {} };
        },
        async describeServices(names) {
            return new Map(names.map((name) => [name, { status: 'MISSING', tags: {} }]));
        },
        async serviceEvents() {
            return [];
        },
        async serviceTasks(name) {
            if (taskDefinition === undefined)
                return [];
            if (!waited) {
                would(`wait for the task of ${name} to run; waiting ${awsSleepSeconds} s instead`);
                await (0,promises_.setTimeout)(awsSleepSeconds * 1000);
                waited = true;
            }
            return [
                {
                    arn: `arn:aws:ecs:dry-run:000000000000:task/dry-run/${name}`,
                    taskDefinition,
                    lastStatus: 'RUNNING',
                    desiredStatus: 'RUNNING',
                    privateIp: DRY_RUN_IP,
                    networkInterfaceId: 'eni-00000000000000000',
                    containers: []
                }
            ];
        },
        async publicIpOf() {
            return DRY_RUN_IP;
        }
    };
}
function readOnlyHost(real) {
    return {
        ...printedChanges,
        registerTaskDefinition: registerPrinted,
        listServices: () => real.listServices(),
        describeService: (name) => real.describeService(name),
        describeServices: (names) => real.describeServices(names),
        serviceEvents: (name) => real.serviceEvents(name),
        serviceTasks: (name) => real.serviceTasks(name),
        publicIpOf: (networkInterfaceId) => real.publicIpOf(networkInterfaceId)
    };
}
/** What a dry run's load balancer does with every change: it prints it (with the sign-in its
 * rules would carry, by its type). */
const printedRouteChanges = (signIn) => ({
    async createTargetGroup(spec) {
        would(`create the target group ${spec.name}`);
        return `arn:aws:elasticloadbalancing:dry-run:000000000000:targetgroup/${spec.name}/0000000000000000`;
    },
    async deleteTargetGroup({ name }) {
        would(`delete the target group ${name}`);
        return 'deleted';
    },
    async setDeregistrationDelay({ name }, seconds) {
        would(`set the deregistration delay of the target group ${name} to ${seconds} s`);
    },
    async createRule(route, priority) {
        would(`create the listener rule for ${route.host} (priority ${priority}) that ${(0,load_balancer/* describeRoute */.fx)(route, signIn)}`);
        return `arn:aws:elasticloadbalancing:dry-run:000000000000:listener-rule/app/dry-run/0000000000000000/0000000000000000/${priority}`;
    },
    async modifyRule(_rule, route) {
        would(`change the listener rule for ${route.host}: it ${(0,load_balancer/* describeRoute */.fx)(route, signIn)}`);
    },
    async deleteRule({ name: host }) {
        would(`delete the listener rule for ${host}`);
        return 'deleted';
    }
});
/** sync's dry run behind a load balancer: an empty listener whose targets are healthy at once,
 * and which knows the tags of what it was asked to create. */
function simulatedLoadBalancer(signIn) {
    const created = new Map();
    const printed = printedRouteChanges(signIn);
    return {
        ...printed,
        async createTargetGroup(spec) {
            const arn = await printed.createTargetGroup(spec);
            created.set(arn, spec.tags);
            return arn;
        },
        async createRule(route, priority, tags) {
            const arn = await printed.createRule(route, priority, tags);
            created.set(arn, tags);
            return arn;
        },
        async describeListener() {
            return { protocol: 'HTTPS', vpcId: 'vpc-dry-run', loadBalancerArn: 'dry-run' };
        },
        async listRules() {
            return [];
        },
        async listenersOf() {
            return [];
        },
        async accountLimits() {
            return new Map();
        },
        async tagsOf(arns) {
            return new Map(arns.flatMap((arn) => (created.has(arn) ? [[arn, created.get(arn)]] : [])));
        },
        async resourceTags(arn) {
            return created.get(arn);
        },
        async findTargetGroup() {
            return undefined;
        },
        async listTargetGroups() {
            return [];
        },
        async targetHealth() {
            return [{ id: `${DRY_RUN_IP}:0`, state: 'healthy' }];
        }
    };
}
/** cleanup's dry run: the real listener and target groups are read, every change printed. */
function readOnlyLoadBalancer(real, signIn) {
    return {
        ...printedRouteChanges(signIn),
        describeListener: () => real.describeListener(),
        listRules: (listener) => real.listRules(listener),
        listenersOf: (balancer) => real.listenersOf(balancer),
        accountLimits: () => real.accountLimits(),
        tagsOf: (arns) => real.tagsOf(arns),
        resourceTags: (arn) => real.resourceTags(arn),
        findTargetGroup: (name) => real.findTargetGroup(name),
        listTargetGroups: (balancer) => real.listTargetGroups(balancer),
        targetHealth: (arn) => real.targetHealth(arn)
    };
}

// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(1954);
;// CONCATENATED MODULE: ./src/docker/build.ts
// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array
// (loaded when a build starts: it brings node:child_process and node:assert, which a run that
// builds nothing need not load). The build runs the PR's code: its output is fenced off from the
// runner's workflow commands, and the image is deployed by the digest buildx reports, not by its
// tag. The docker child inherits this step's environment, which carries the GitHub Actions cache
// service's token and URLs for the gha cache: no token on argv.

/** `docker buildx build --push --platform … [--file …] [--target …] --build-arg K=V …
 * --cache-from … --cache-to … --metadata-file FILE -t image context`; a cache-only build has
 * `--output type=cacheonly`, and no metadata file or tag. */
function buildCommand(spec, metadataFile) {
    const push = spec.output.kind === 'push';
    return [
        'buildx',
        'build',
        ...(push ? ['--push'] : ['--output', 'type=cacheonly']),
        '--platform',
        spec.platform,
        ...(spec.dockerfile ? ['--file', spec.dockerfile] : []),
        ...(spec.target ? ['--target', spec.target] : []),
        ...spec.buildArgs.flatMap((arg) => ['--build-arg', `${arg.name}=${arg.value}`]),
        ...spec.cacheFrom.flatMap((value) => ['--cache-from', value]),
        ...spec.cacheTo.flatMap((value) => ['--cache-to', value]),
        ...(push && metadataFile !== undefined ? ['--metadata-file', metadataFile] : []),
        ...(spec.output.kind === 'push' ? ['-t', spec.output.image] : []),
        spec.context
    ];
}
/** The image digest buildx writes to its metadata file (`containerimage.digest`). */
function digestOf(metadata) {
    try {
        const digest = JSON.parse(metadata)['containerimage.digest'];
        return typeof digest === 'string' ? digest : undefined;
    }
    catch {
        return undefined;
    }
}
/** What the build makes, for a log line. */
function product(spec) {
    return spec.output.kind === 'push' ? spec.output.image : `the build cache of ${spec.context}`;
}
const dockerBuilder = {
    async build(spec) {
        if (spec.cacheNote !== undefined)
            core/* warning */.$e(`${spec.cacheNote}: building without a cache`);
        const [{ exec }, { randomBytes }, { mkdtemp, readFile, rm }, { tmpdir }, { join }] = await Promise.all([
            __webpack_require__.e(/* import() */ 260).then(__webpack_require__.bind(__webpack_require__, 1260)),
            Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7598, 23)),
            Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23)),
            Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8161, 23)),
            Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 6760, 23))
        ]);
        const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'showtime-build-'));
        const metadataFile = join(dir, 'metadata.json');
        const args = buildCommand(spec, metadataFile);
        // The PR's build prints what it likes: no line of it may be taken for a workflow command
        // (::add-mask::, ::error::, ::stop-commands:: …) until the token, which it cannot know, ends
        // the fence.
        const token = randomBytes(16).toString('hex');
        try {
            const code = await core/* group */.Os(`docker ${args.join(' ')}`, async () => {
                core/* issueCommand */.Lb('stop-commands', {}, token);
                try {
                    return await exec('docker', args, { ignoreReturnCode: true });
                }
                finally {
                    core/* issueCommand */.Lb(token);
                }
            });
            if (code !== 0)
                throw new Error(`docker build of ${product(spec)} failed with exit code ${code}`);
            if (spec.output.kind === 'cache-only')
                return {};
            const digest = digestOf(await readFile(metadataFile, 'utf8').catch(() => ''));
            if (digest === undefined)
                throw new Error(`docker buildx wrote no image digest (containerimage.digest) to ${metadataFile}: Showtime deploys the image it built by its digest`);
            return { digest };
        }
        finally {
            await rm(dir, { recursive: true, force: true });
        }
    }
};
/** dry-run-docker: the build is printed, not run. */
const dryRunBuilder = {
    async build(spec) {
        core/* info */.pq(`[dry-run-docker] would build ${product(spec)}`);
        return {};
    }
};

// EXTERNAL MODULE: ./src/domain/show.ts
var domain_show = __webpack_require__(3559);
// EXTERNAL MODULE: ./src/domain/resources.ts
var resources = __webpack_require__(3005);
;// CONCATENATED MODULE: ./src/domain/ownership.ts
// Whose a resource is: the one rule by which every path that changes or deletes goes (teardown on
// stop, close, expiry and roll-over, a failed or interrupted run's release, the cleanup, and the
// load balancer's rules and target groups). A resource is this repository's only when
// - it carries both ownership tags, showtime_managed=true and repository=<owner>/<repo>, and a
//   name Showtime gives (a service pr-{n}-{sha}-service or the legacy pr-{n}-service, a listener
//   rule for a host pr-{n}.{domain}, a target group st-{key}-{pr}-{sha}); or
// - it is a service of such a name without a repository tag (the Python tool's) that this
//   repository's own labels name, and adopt-untagged-services allows adopting it.
// A repository tag alone proves nothing: it is a generic key (Terraform's default_tags use it).
//
// What the rule finds ours comes as an Owned value, which nothing else makes: every adapter method
// that changes or deletes an existing resource takes one, so the compiler proves that no such call
// skips the rule.


function tagOwner(tags, repository) {
    const owner = tags[resources/* TAG */.Dk.repository];
    if (owner === undefined || owner === '')
        return 'untagged';
    if (owner !== (0,resources/* awsTagValue */.Tm)(repository))
        return 'other-repository';
    return tags[resources/* TAG */.Dk.managed] === 'true' ? 'ours' : 'unmanaged';
}
/** The tags say another owner's: another repository, or a generic tag without Showtime's. */
function taggedForAnother(tags, repository) {
    const owner = tagOwner(tags, repository);
    return owner === 'other-repository' || owner === 'unmanaged';
}
const PREVIEW_HOST = /^pr-[1-9]\d{0,9}\./;
/** Named as Showtime names resources of its kind. */
function showtimeName(kind, name) {
    switch (kind) {
        case 'service':
            return (0,resources/* parseServiceName */.qE)(name) !== undefined;
        case 'listener-rule':
            return PREVIEW_HOST.test(name.toLowerCase());
        case 'target-group':
            return (0,resources/* parseTargetGroupName */.JZ)(name) !== undefined;
    }
}
/** How a line names the resource. */
function resourceLabel(kind, name) {
    switch (kind) {
        case 'service':
            return name;
        case 'listener-rule':
            return `the listener rule for ${name}`;
        case 'target-group':
            return `the target group ${name}`;
    }
}
/**
 * The rule. `namedByLabels`: this repository's labels name the resource (a service of one of its
 * PR's commits), which only an untagged service's adoption needs.
 */
function claim(resource, claimant, { namedByLabels }) {
    const refuse = (reason) => ({
        ours: false,
        reason,
        why: `${resourceLabel(resource.kind, resource.name)} ${reason}: it is left alone`
    });
    const { tags } = resource;
    const owner = tagOwner(tags, claimant.repository);
    switch (owner) {
        case 'other-repository':
            return refuse(`belongs to ${tags[resources/* TAG */.Dk.repository]}, not ${claimant.repository}`);
        case 'unmanaged':
            return refuse(`is tagged ${resources/* TAG */.Dk.repository}=${tags[resources/* TAG */.Dk.repository]} without ${resources/* TAG */.Dk.managed}=true, which Showtime's own carry`);
        case 'untagged':
            if (resource.kind !== 'service')
                return refuse(`has no ${resources/* TAG */.Dk.repository} tag`);
            if (!namedByLabels)
                return refuse(`has no ${resources/* TAG */.Dk.repository} tag, and no label of this repository names it`);
            if (!claimant.adoptUntagged)
                return refuse(`has no ${resources/* TAG */.Dk.repository} tag (adopt-untagged-services adopts it)`);
            break;
        case 'ours':
            break;
    }
    if (!showtimeName(resource.kind, resource.name))
        return refuse("is not named like Showtime's");
    const owned = {
        kind: resource.kind,
        name: resource.name,
        id: resource.id,
        adopted: owner === 'untagged'
    };
    return { ours: true, owned };
}
/** This repository's environments among a cluster's services, by their ownership tags. */
function environmentsOf(services, repository) {
    return services.flatMap((service) => {
        if (tagOwner(service.tags, repository) !== 'ours')
            return [];
        const named = (0,resources/* parseServiceName */.qE)(service.name);
        const pr = Number(service.tags[resources/* TAG */.Dk.pr] ?? named?.pr);
        const sha = (0,domain_show/* shortSha */.Fu)(service.tags[resources/* TAG */.Dk.sha] ?? named?.sha ?? '');
        return Number.isInteger(pr) && pr > 0 ? [{ pr, sha }] : [];
    });
}
/** The full commit an active service of this repository records in its `sha` tag; null when it
 * records none (older services and the Python tool's hold 7 characters or nothing), and for a
 * service that is not this repository's or not active. */
function recordedCommit(service, repository) {
    if (service.status !== 'ACTIVE' || tagOwner(service.tags, repository) !== 'ours')
        return null;
    const sha = service.tags[resources/* TAG */.Dk.sha];
    return sha !== undefined && /^[0-9a-f]{40}$/.test(sha) ? sha : null;
}

// EXTERNAL MODULE: ./src/domain/task-definition.ts
var task_definition = __webpack_require__(305);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(4730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var dist_bundle = __webpack_require__(3779);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var plugin_retry_dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./src/github/fetch.ts
// The fetch that Octokit makes its requests with: node:http and node:https with their keep-alive
// agents, as much of fetch as @octokit/request uses (method, headers, a string or byte body,
// redirects followed, the answer's status, headers, text and bytes), and a network error thrown as
// fetch throws it (a TypeError whose cause is the error), which Octokit turns into a status 500
// that the retry plugin retries.
//
// Why not fetch itself: @actions/github's fetch is undici, bundled (a megabyte to compile and
// evaluate, with node:tls, node:http2, node:zlib and more behind it), and Node's own fetch loads
// its internal copy of undici on first use (about 80 ms on Node 24, 45 ms on Node 20); node:http
// is part of Node's start-up snapshot. That is most of what a `check` run spent beyond Node's own
// start-up. Behind a proxy (https_proxy and the like) the agent is @actions/http-client's, loaded
// only then.
/** Response headers, lower-case names, as fetch's Headers reads them. */
class ResponseHeaders {
    map = new Map();
    constructor(headers) {
        for (const [name, value] of Object.entries(headers)) {
            if (value === undefined)
                continue;
            this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
        }
    }
    get(name) {
        return this.map.get(name.toLowerCase()) ?? null;
    }
    has(name) {
        return this.map.has(name.toLowerCase());
    }
    *[Symbol.iterator]() {
        yield* [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
}
const MAX_REDIRECTS = 20;
/** As undici's headers and body timeouts: a request that hears nothing for this long fails. */
const IDLE_TIMEOUT_MS = 300_000;
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** The agent for a URL: @actions/http-client's (a tunnel) when a proxy applies, else Node's. */
async function agentFor(url, env) {
    if (!PROXY_VARIABLES.some((name) => env[name]))
        return undefined;
    const { HttpClient, getProxyUrl } = await __webpack_require__.e(/* import() */ 942).then(__webpack_require__.bind(__webpack_require__, 4942));
    if (!getProxyUrl(url.href))
        return undefined;
    return new HttpClient('showtime').getAgent(url.href);
}
function fetchFailed(cause) {
    return new TypeError('fetch failed', { cause });
}
/** One request, no redirects: the status, headers and the whole body. */
async function send(url, method, headers, body, signal, env) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw fetchFailed(new Error(`unsupported protocol ${url.protocol}`));
    const agent = await agentFor(url, env);
    const { request } = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
    const options = {
        method,
        headers: {
            ...headers,
            ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) })
        },
        timeout: IDLE_TIMEOUT_MS,
        ...(agent && { agent }),
        ...(signal && { signal })
    };
    return new Promise((resolve, reject) => {
        const req = request(url, options, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ response, bytes: Buffer.concat(chunks) }));
            response.on('error', (error) => reject(fetchFailed(error)));
            response.on('aborted', () => reject(fetchFailed(new Error('the response was cut off'))));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} for ${IDLE_TIMEOUT_MS / 1000} s`)));
        req.on('error', (error) => reject(error.name === 'AbortError' ? error : fetchFailed(error)));
        req.end(body);
    });
}
async function decoded(bytes, encoding) {
    const codings = (encoding ?? '')
        .split(',')
        .map((c) => c.trim().toLowerCase())
        .filter((c) => c && c !== 'identity');
    if (codings.length === 0)
        return bytes;
    const zlib = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8522, 23));
    let out = bytes;
    for (const coding of codings.reverse()) {
        if (coding === 'gzip' || coding === 'x-gzip')
            out = zlib.gunzipSync(out);
        else if (coding === 'deflate')
            out = zlib.inflateSync(out);
        else if (coding === 'br')
            out = zlib.brotliDecompressSync(out);
        else
            throw fetchFailed(new Error(`unsupported content-encoding ${coding}`));
    }
    return out;
}
function sameOrigin(a, b) {
    return a.protocol === b.protocol && a.host === b.host;
}
/** A fetch for Octokit (`request: { fetch }`). */
async function nodeFetch(input, init = {}, env = process.env) {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let headers = { ...init.headers };
    let body = init.body ?? undefined;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))
        throw new TypeError('nodeFetch: the body must be a string or bytes');
    const signal = init.signal ?? undefined;
    for (let redirects = 0;; redirects++) {
        const { response, bytes } = await send(url, method, headers, body, signal, env);
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location && init.redirect !== 'manual') {
            if (init.redirect === 'error')
                throw fetchFailed(new Error(`redirected to ${location}`));
            if (redirects >= MAX_REDIRECTS)
                throw fetchFailed(new Error('too many redirects'));
            const next = new URL(location, url);
            // As fetch does: 303, and 301/302 after a POST, go on as a GET without a body; credentials
            // do not follow a redirect to another origin.
            if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
                if (method !== 'HEAD')
                    method = 'GET';
                body = undefined;
                headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
            }
            if (!sameOrigin(url, next))
                headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie)$/i.test(name)));
            url = next;
            continue;
        }
        const content = await decoded(bytes, response.headers['content-encoding']);
        const text = async () => content.toString('utf8');
        return {
            status,
            statusText: response.statusMessage ?? '',
            url: url.href,
            redirected: redirects > 0,
            ok: status >= 200 && status < 300,
            headers: new ResponseHeaders(response.headers),
            body: null,
            text,
            json: async () => JSON.parse(await text()),
            arrayBuffer: async () => content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength)
        };
    }
}

;// CONCATENATED MODULE: ./src/github/rest.ts
// `octokit.rest` for the routes Showtime calls, made as @octokit/plugin-rest-endpoint-methods makes
// each of its methods (`octokit.request.defaults({ method, url })`, so `octokit.paginate` takes
// them too) and typed with that plugin's own method types. The plugin itself builds a table of all
// of GitHub's ~1,100 routes when it loads: about 10 ms of every start, `check` included, for 14
// routes. A route spelled wrong here is refused by the emulator's OpenAPI check in the e2e tests.
const ROUTES = {
    issues: {
        addLabels: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
        createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        createLabel: 'POST /repos/{owner}/{repo}/labels',
        deleteLabel: 'DELETE /repos/{owner}/{repo}/labels/{name}',
        listEvents: 'GET /repos/{owner}/{repo}/issues/{issue_number}/events',
        listLabelsOnIssue: 'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
        removeLabel: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
        updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
        updateLabel: 'PATCH /repos/{owner}/{repo}/labels/{name}'
    },
    pulls: {
        get: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        list: 'GET /repos/{owner}/{repo}/pulls'
    },
    repos: {
        createDeployment: 'POST /repos/{owner}/{repo}/deployments',
        createDeploymentStatus: 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        getCollaboratorPermissionLevel: 'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
        listDeployments: 'GET /repos/{owner}/{repo}/deployments'
    }
};
/** An Octokit plugin: `octokit.rest` with the routes above. */
function showtimeRest(octokit) {
    const scope = (routes) => Object.fromEntries(Object.entries(routes).map(([name, route]) => {
        const [method, url] = route.split(' ');
        return [name, octokit.request.defaults({ method, url })];
    }));
    return {
        rest: {
            issues: scope(ROUTES.issues),
            pulls: scope(ROUTES.pulls),
            repos: scope(ROUTES.repos)
        }
    };
}

;// CONCATENATED MODULE: ./src/github/client.ts
// The one place an Octokit is made: the client @actions/github makes (@octokit/core with the REST
// methods Showtime calls, ./rest.ts, and pagination, GITHUB_API_URL aware), requests made with
// node:http (./fetch.ts), with retries for 5xx and network errors, throttling that spaces writes,
// and the token's rate-limit budget as GitHub reports it on every answer. A workflow token has
// 1,000 requests an hour, shared by every run of the repository: no run waits for the hourly
// reset, it stops and says so instead.









/** What @actions/github's getOctokit makes, with the REST methods Showtime calls, and pagination. */
const GitHubRest = dist_src/* Octokit */.E.plugin(showtimeRest, dist_bundle/* paginateRest */.ud);
const GitHub = GitHubRest.plugin(plugin_retry_dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
/** Waits longer than this for a secondary rate limit are not taken: the run stops instead. */
const LONGEST_SECONDARY_WAIT_S = 60;
const SECONDARY_RETRIES = 2;
/** The token's budget per resource, read from the `x-ratelimit-*` headers of every answer. */
class RateBudget {
    first = new Map();
    last = new Map();
    written = 0;
    /** REST requests that change something, answered so far in this run. */
    get writes() {
        return this.written;
    }
    countRequest(method, url) {
        if (method !== 'GET' && method !== 'HEAD' && !url.endsWith('/graphql'))
            this.written++;
    }
    record(headers) {
        const number = (name) => {
            const value = Number(headers?.[name]);
            return headers?.[name] === undefined || !Number.isFinite(value) ? undefined : value;
        };
        const limit = number('x-ratelimit-limit');
        const remaining = number('x-ratelimit-remaining');
        if (limit === undefined || remaining === undefined)
            return;
        const resource = String(headers?.['x-ratelimit-resource'] ?? 'core');
        const reading = { limit, remaining, reset: number('x-ratelimit-reset') ?? 0 };
        // The first answer's count already includes its own request.
        if (!this.first.has(resource))
            this.first.set(resource, { ...reading, remaining: remaining + 1 });
        this.last.set(resource, reading);
    }
    /** Requests (or points) left now, as the last answer said; undefined before any answer. */
    remaining(resource = 'core') {
        return this.last.get(resource)?.remaining;
    }
    limit(resource = 'core') {
        return this.last.get(resource)?.limit;
    }
    /** What was left when this run made its first request. */
    atStart(resource = 'core') {
        return this.first.get(resource)?.remaining;
    }
    /** What this run (and whoever shares the token meanwhile) has spent since its first request. */
    spent(resource = 'core') {
        const first = this.first.get(resource);
        const last = this.last.get(resource);
        return first && last ? Math.max(0, first.remaining - last.remaining) : 0;
    }
    /** Stops a run that would leave other runs of the repository too little (nothing changed yet). */
    require(reserve, what) {
        const remaining = this.remaining();
        if (remaining === undefined || remaining >= reserve)
            return;
        throw new RateLimitExhausted(`${what} needs up to ${reserve} GitHub requests with room left for other runs, and this token has ${this.describe()}: nothing was changed; re-run this job after the reset`);
    }
    /** `42 of 1000 requests left until 14:05 UTC`, for messages. */
    describe(resource = 'core') {
        const last = this.last.get(resource);
        if (!last)
            return 'the rate limit is unknown';
        const unit = resource === 'graphql' ? 'GraphQL points' : 'requests';
        const until = last.reset
            ? ` until ${new Date(last.reset * 1000).toISOString().slice(11, 16)} UTC`
            : '';
        return `${last.remaining} of ${last.limit} ${unit} left${until}`;
    }
}
/** GitHub's hourly budget for the token is used up. */
class RateLimitExhausted extends Error {
    name = 'RateLimitExhausted';
}
/** As @actions/github names the client: with the run's orchestration id when the runner gives one. */
function userAgent(env) {
    const id = env.ACTIONS_ORCHESTRATION_ID?.trim();
    return id ? { userAgent: `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` } : {};
}
function createOctokit(token, env = process.env) {
    const budget = new RateBudget();
    const interval = (0,defaults/* githubWriteInterval */.od)(env);
    const spacing = interval === undefined
        ? {}
        : {
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: interval }),
            notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: interval })
        };
    const octokit = new GitHub({
        auth: `token ${token}`,
        baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
        ...userAgent(env),
        request: {
            fetch: (url, init) => nodeFetch(url, init, env)
        },
        // 403 and 429 belong to the throttling plugin, which honours retry-after. Retries wait 1, 4
        // and 9 s (shortened by SHOWTIME_TIME_SCALE for the test suite).
        retry: {
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
            retryAfterBaseValue: 1000 * (0,defaults/* timeScale */.Mw)(env)
        },
        throttle: {
            // The primary limit resets within the hour: never wait for it.
            onRateLimit: (_retryAfter, options) => {
                core/* warning */.$e(`GitHub's rate limit is used up (${options.method} ${options.url})`);
                return false;
            },
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
                const wait = retryAfter <= LONGEST_SECONDARY_WAIT_S && retryCount < SECONDARY_RETRIES;
                core/* warning */.$e(`GitHub secondary rate limit on ${options.method} ${options.url}; ${wait ? `retrying in ${retryAfter} s` : 'not waiting'}`);
                return wait;
            },
            ...spacing
        }
    });
    octokit.hook.after('request', (response, options) => {
        budget.record(response.headers);
        budget.countRequest(options.method, options.url);
    });
    octokit.hook.error('request', (error, options) => {
        budget.countRequest(options.method, options.url);
        const response = error.response;
        budget.record(response?.headers);
        const status = error.status;
        if ((status === 403 || status === 429) &&
            response?.headers?.['x-ratelimit-remaining'] === '0') {
            const resource = response.headers['x-ratelimit-resource'] === 'graphql' ? 'graphql' : 'core';
            throw new RateLimitExhausted(`GitHub's rate limit for this token is used up (${budget.describe(resource)}): the run stops instead of waiting for the reset; re-run it after the reset`);
        }
        const secondary = /secondary rate limit/i.test(error.message);
        const explained = secondary
            ? `GitHub's secondary rate limit stopped ${options.method} ${options.url}: too many writes in a short time for this token; re-run the job in a few minutes`
            : explanation(status, response !== undefined, options);
        // The message says what to fix; the status and the answer stay for the callers that read them.
        if (explained !== undefined && error instanceof Error)
            error.message = `${explained} (${error.message})`;
        throw error;
    });
    return { octokit, budget };
}
/** What to do about a GitHub answer that stops a run, in words; undefined for the answers that
 * callers handle (404 for a label not on the PR, 422 for a definition that exists). */
function explanation(status, answered, options) {
    const request = `${options.method} ${options.url}`;
    if (status === 401)
        return `GitHub answered ${request} with 401: the github-token input is not a valid token (the default, github.token, is right)`;
    if (status === 403 && options.method !== 'GET') {
        const permission = options.url.includes('/deployments')
            ? '`deployments: write`'
            : '`issues: write` and `pull-requests: write`';
        return `GitHub refused ${request} with 403: the workflow's token needs ${permission} under permissions:, and the workflow must run on pull_request_target (a pull_request run from a fork gets a read-only token)`;
    }
    if (!answered || status === undefined)
        return `GitHub did not answer ${request} at ${options.baseUrl ?? 'GITHUB_API_URL'}, after retries: check GITHUB_API_URL and the runner's network`;
    if (status >= 500)
        return `GitHub answered ${request} with ${status}, also after retries: GitHub may be having trouble (https://www.githubstatus.com); re-run the job`;
    return undefined;
}

// EXTERNAL MODULE: ./src/domain/labels.ts
var domain_labels = __webpack_require__(5745);
;// CONCATENATED MODULE: ./src/presentation/comment.ts
// The one sticky PR comment: found again by its hidden marker and edited in place. Pure: the
// text is a function of what happened and of the environment's facts. A notice (a refused trigger,
// a held fork commit, the cost cap) is a note on top: the facts of a live environment stay.

const COMMENT_MARKER = '<!-- showtime:status -->';
/** The cause the comment gives for a run that the post step found interrupted. */
const INTERRUPTED_RUN = 'the run was cancelled or stopped before it finished';
const STOP_LABEL = `\`${domain_labels/* TRIGGER_STOP */.A$}\``;
const START_LABEL = `\`${domain_labels/* TRIGGER_START */.Gu}\``;
/** Said once in the comment of a fork's environment, so that a fork's pushes need no write. */
const FORK_NOTE = `New commits pushed to this PR's fork are not deployed on their own: this environment keeps the commit above. A maintainer who has reviewed the PR's newest commit deploys it by adding ${START_LABEL}, which approves exactly the commit the PR shows at that moment.`;
function renderComment(event, facts) {
    const short = facts.sha.slice(0, 7);
    const commit = `[\`${short}\`](${facts.serverUrl}/${facts.repository}/commit/${facts.sha})`;
    const status = statusOf(event);
    const lines = [COMMENT_MARKER, `### ${domain_labels/* TENT */.Yn} Showtime: ${headline(event, commit)}`, ''];
    if (event.kind === 'notice')
        lines.push(...quote(event.notices.map(noticeText)), '');
    if (status !== undefined) {
        lines.push('| | |', '|---|---|', ...rows(event, status, commit, facts), '');
        if (event.kind === 'failed' && event.diagnosis)
            lines.push(...logBlock(event.diagnosis.logLines, event.diagnosis.container));
        lines.push(...advice(event, status));
        if (facts.fork && (status === 'building' || status === 'running'))
            lines.push('', FORK_NOTE);
    }
    return lines.join('\n');
}
function statusOf(event) {
    if (event.kind !== 'notice')
        return event.kind;
    return event.live?.status;
}
function rows(event, status, commit, facts) {
    const rows = [];
    const url = event.kind === 'running'
        ? event.url
        : event.kind === 'notice' && event.live?.status === 'running'
            ? event.live.url
            : undefined;
    switch (status) {
        case 'building':
            rows.push(['Status', '🏗️ building']);
            break;
        case 'running':
            rows.push(['Status', '🟢 running']);
            if (url)
                rows.push(['URL', url]);
            break;
        case 'failed':
            rows.push(['Status', '❌ failed']);
            if (event.kind === 'failed') {
                rows.push(['Cause', inline(event.cause)]);
                rows.push(...diagnosisRows(event.diagnosis));
            }
            break;
        case 'torn-down':
            rows.push(['Status', '🛑 torn down']);
            break;
    }
    rows.push(['Commit', commit]);
    if (facts.requester)
        rows.push(['Requested by', `@${facts.requester}`]);
    if (status !== 'torn-down') {
        if (facts.createdAt !== undefined)
            rows.push(['Created', utc(facts.createdAt)]);
        if (facts.ttl) {
            const expiry = facts.expiresAt === undefined
                ? 'kept until the PR closes'
                : `expires ${utc(facts.expiresAt)}`;
            rows.push(['Lifetime', `${facts.ttl}: ${expiry}`]);
        }
        const logs = [
            facts.logsUrl && `[task logs](${facts.logsUrl})`,
            facts.eventsUrl && `[service events](${facts.eventsUrl})`
        ].filter(Boolean);
        if (logs.length > 0)
            rows.push(['Logs', logs.join(' · ')]);
    }
    if (facts.runUrl)
        rows.push(['Run', `[workflow run](${facts.runUrl})`]);
    return rows.map(([k, v]) => `| ${k} | ${v} |`);
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
        case 'notice':
            if (event.live?.status === 'running')
                return `${commit} is live`;
            if (event.live?.status === 'building')
                return `building ${commit}`;
            return event.notices[0] === undefined ? 'notice' : noticeHeadline(event.notices[0]);
    }
}
function noticeHeadline(notice) {
    switch (notice.about) {
        case 'unauthorised':
        case 'blocked':
        case 'frozen':
            return 'start label ignored';
        case 'collision':
            return 'start label ignored';
        case 'over-cap':
            return 'no environment started';
        case 'trigger-waiting':
            return 'a label is waiting';
    }
}
function noticeText(notice) {
    switch (notice.about) {
        case 'unauthorised':
            return `@${notice.login} may not start or stop environments: only users with the ${notice.roles.join(', ')} role on this repository may. \`${notice.trigger}\` was removed.`;
        case 'blocked':
            return `\`${notice.trigger}\` was removed unused: this PR carries \`${domain_labels/* BLOCKED */.hl}\`, and Showtime does nothing on it until a maintainer removes that label.`;
        case 'frozen':
            return `\`${notice.trigger}\` was removed unused: this PR is frozen (\`${domain_labels/* FREEZE */.kY}\`). Remove the freeze label, then add ${START_LABEL} again.`;
        case 'collision':
            return `\`${notice.trigger}\` was removed unused: the environment \`${notice.sha.slice(0, 7)}\` runs another commit whose SHA starts with the same 7 characters as ${notice.sha}, and an environment is named by those 7 characters. Stop it (add ${STOP_LABEL}), then add ${START_LABEL} again.`;
        case 'over-cap': {
            const holders = notice.holders
                .map((h) => `#${h.pr}${h.sha ? ` (\`${h.sha}\`)` : ''}`)
                .join(', ');
            return `${notice.holders.length} environments run already, the most this repository allows (max-environments: ${notice.cap}): ${holders}. Stop one (add ${STOP_LABEL} on its PR) or wait for the scheduled cleanup, then add ${START_LABEL} again.${notice.trigger ? ' The start label was removed.' : ''}`;
        }
        case 'trigger-waiting':
            return `${notice.triggers.map((t) => `\`${t}\``).join(' and ')} ${notice.triggers.length > 1 ? 'are' : 'is'} on this PR, but no run acted on it: its run was replaced by a newer one before it started. Only the run of the label's own event may act on it, so remove the label and add it again.`;
    }
}
function advice(event, status) {
    const extend = `\`${(0,domain_labels/* formatLabel */.wR)({ kind: 'ttl', value: '1w' })}\``;
    switch (status) {
        case 'building':
            return [`Stop it: add ${STOP_LABEL}`];
        case 'running':
            return [
                `Stop it: add ${STOP_LABEL} · Hold new commits: add \`${domain_labels/* FREEZE */.kY}\` · Keep it longer: add ${extend} · Rebuild: add ${START_LABEL}`
            ];
        case 'failed':
            return [`Retry: add ${START_LABEL} again. The workflow run's log has the details.`];
        case 'torn-down':
            return event.kind === 'torn-down' && event.why === 'closed'
                ? ['Every environment of this PR and its AWS resources are gone.']
                : [
                    `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START_LABEL}.`
                ];
    }
}
/** The stopped task's reason and exit code, or the task that ran without answering its health
 * check, as code spans: nothing in them renders or pings. */
function diagnosisRows(diagnosis) {
    if (diagnosis === undefined)
        return [];
    const rows = [];
    const { unanswered } = diagnosis;
    if (unanswered)
        rows.push([
            'Task',
            `${cell(codeSpan(unanswered.task))}: still running, it did not answer the health check at ${cell(codeSpan(unanswered.healthPath))} before the deadline`
        ]);
    if (diagnosis.stopReason)
        rows.push(['Stop reason', cell(codeSpan(diagnosis.stopReason))]);
    if (diagnosis.exitCode !== undefined)
        rows.push([
            'Exit code',
            `${diagnosis.exitCode}${diagnosis.container ? ` (container ${cell(codeSpan(diagnosis.container))})` : ''}`
        ]);
    return rows;
}
/** The app's last log lines in a fenced block longer than any run of backticks in them: the PR's
 * code wrote them, and inside the block no markdown, HTML, link or mention takes effect. */
function logBlock(lines, container) {
    if (lines.length === 0)
        return [];
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1));
    const whose = container ? ` of ${codeSpan(container)}` : '';
    return [`Last ${lines.length} log lines${whose}:`, '', fence + 'text', ...lines, fence, ''];
}
function longestBacktickRun(text) {
    return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}
/** Text as a code span, its delimiters longer than any run of backticks in it. */
function codeSpan(text) {
    const one = text.replace(/\s+/g, ' ').trim();
    const ticks = '`'.repeat(longestBacktickRun(one) + 1);
    const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
    return `${ticks}${pad}${one}${pad}${ticks}`;
}
/** A table cell: a pipe would end it, inside a code span too. */
function cell(text) {
    return text.replace(/\|/g, '\\|');
}
function quote(texts) {
    return [
        '> [!NOTE]',
        ...texts.flatMap((text, i) => [...(i > 0 ? ['>'] : []), `> ${inline(text)}`])
    ];
}
function utc(ms) {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** One line, no table-breaking pipes. */
function inline(text) {
    return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

;// CONCATENATED MODULE: ./src/github/comments.ts
// The sticky PR comment: edited in place once it exists. Anyone may post a comment that carries
// the hidden marker, so it is looked for only among the comments of the token's own identity
// (GraphQL's `viewer`), and an edit that would change nothing is not sent.

const FIND = `query ShowtimeStickyComment($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId body author { login } }
      }
    }
  }
}`;
/** GraphQL names a bot `github-actions` as an author but may name the token's own viewer
 * `github-actions[bot]`: compare without the suffix. */
function identity(login) {
    return login.replace(/\[bot\]$/i, '').toLowerCase();
}
function stickyComment(octokit, repository) {
    const known = new Map();
    async function find(pr) {
        let found;
        let cursor = null;
        do {
            const page = await octokit.graphql(FIND, {
                owner: repository.owner,
                name: repository.repo,
                number: pr,
                cursor
            });
            const me = identity(page.viewer.login);
            const comments = page.repository?.pullRequest?.comments;
            for (const node of comments?.nodes ?? []) {
                if (node?.databaseId != null &&
                    node.author !== null &&
                    identity(node.author.login) === me &&
                    node.body.includes(COMMENT_MARKER))
                    found = { id: node.databaseId, body: node.body };
            }
            cursor = comments?.pageInfo.hasNextPage ? comments.pageInfo.endCursor : null;
        } while (cursor);
        return found;
    }
    return {
        async upsert(pr, body, existing) {
            const current = known.get(pr) ?? (existing > 0 ? await find(pr) : undefined);
            if (current?.body === body)
                return;
            if (current !== undefined) {
                await octokit.rest.issues.updateComment({ ...repository, comment_id: current.id, body });
                known.set(pr, { id: current.id, body });
                return;
            }
            const { data } = await octokit.rest.issues.createComment({
                ...repository,
                issue_number: pr,
                body
            });
            known.set(pr, { id: data.id, body });
        }
    };
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
// GitHub Deployments, so the PR shows "View deployment": one per commit, tagged with its PR (the
// deployment's task), in one environment that all previews may share. Statuses never deactivate
// other deployments by themselves (`auto_inactive: false`): one PR's deploy must not hide
// another's, so a PR's own deployments are made inactive explicitly when they stop serving.
// A token without `deployments: write` costs one warning, not a failed run.

// A deployment's current state is its latest status's: one GraphQL query reads the newest
// deployments of the environment with their task and state.
const DEPLOYMENTS = `query ShowtimeDeployments($owner: String!, $name: String!, $environment: String!) {
  repository(owner: $owner, name: $name) {
    deployments(environments: [$environment], last: 100) { nodes { databaseId task state commitOid } }
  }
}`;
/** States of a deployment that no status has finished yet. */
const UNFINISHED = new Set(['IN_PROGRESS', 'QUEUED', 'PENDING']);
/** States in which a deployment still shows as live (or about to be). */
const LIVE = new Set(['ACTIVE', 'IN_PROGRESS', 'QUEUED', 'PENDING']);
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
        ...(status.description && { description: status.description.slice(0, 140) }),
        auto_inactive: false
    });
    async function newest(environment) {
        return octokit.graphql(DEPLOYMENTS, {
            owner: repository.owner,
            name: repository.repo,
            environment
        });
    }
    return {
        async start(ref, environment, task, description, status) {
            return guarded('create deployments', async () => {
                const { data } = await octokit.rest.repos.createDeployment({
                    ...repository,
                    ref,
                    task,
                    environment,
                    description,
                    auto_merge: false,
                    required_contexts: [],
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
        async deactivate(environment, task, status, keep) {
            await guarded('read deployments', async () => {
                const page = await newest(environment);
                const live = (page.repository?.deployments.nodes ?? []).flatMap((n) => n?.databaseId != null &&
                    n.databaseId !== keep &&
                    n.task === task &&
                    LIVE.has(n.state ?? '')
                    ? [n.databaseId]
                    : []);
                for (const id of live) {
                    await octokit.rest.repos.createDeploymentStatus({
                        ...repository,
                        deployment_id: id,
                        state: 'inactive',
                        ...statusBody(status)
                    });
                }
            });
        },
        async inProgress(environment, task, sha) {
            const page = await guarded('read deployments', () => newest(environment));
            return (page?.repository?.deployments.nodes ?? []).flatMap((n) => n?.databaseId != null &&
                n.task === task &&
                n.commitOid.startsWith(sha) &&
                UNFINISHED.has(n.state ?? '')
                ? [n.databaseId]
                : []);
        }
    };
}

;// CONCATENATED MODULE: ./src/github/dry-run.ts
// dry-run-github: reads go to GitHub, writes are printed instead of sent. The label writes are
// applied to a local copy of each PR's labels, which later reads of that PR show, so that a run
// goes through the same steps as a real one and its outputs describe the simulated result.

const dry_run_would = (what) => core/* info */.pq(`[dry-run-github] would ${what}`);
const quoted = (names) => names.map((name) => `"${name}"`).join(', ');
function dryRunGitHub(real) {
    /** Each PR's labels as the printed writes left them, from the first read of the PR on. */
    const views = new Map();
    const view = (pr) => views.get(pr);
    const labels = {
        async add(pr, names) {
            dry_run_would(`add ${quoted(names)} to #${pr}`);
            const now = view(pr) ?? [];
            const after = [...now, ...names.filter((name) => !now.includes(name))];
            views.set(pr, after);
            return after;
        },
        async define() { },
        async removeMany() {
            return undefined;
        },
        async remove(pr, name) {
            const now = view(pr);
            if (now !== undefined && !now.includes(name))
                return undefined;
            dry_run_would(`remove "${name}" from #${pr}`);
            const after = (now ?? []).filter((n) => n !== name);
            if (now !== undefined)
                views.set(pr, after);
            return after;
        },
        async claim(pr, name) {
            const after = await labels.remove(pr, name);
            return after === undefined ? { outcome: 'absent' } : { outcome: 'taken', labels: after };
        }
    };
    let nextDeployment = 1;
    return {
        reader: {
            async getPullRequest(number) {
                const data = await real.getPullRequest(number);
                const known = view(number);
                if (known === undefined)
                    views.set(number, [...data.labels]);
                return known === undefined ? data : { ...data, labels: [...known] };
            },
            getPermission: (login) => real.getPermission(login),
            labelEvents: (number) => real.labelEvents(number)
        },
        labels,
        definitions: {
            async create(name) {
                dry_run_would(`create the definition "${name}"`);
            },
            async update(name) {
                dry_run_would(`colour the definition "${name}"`);
            },
            async remove(name) {
                dry_run_would(`delete the definition "${name}"`);
                return 'deleted';
            }
        },
        comments: {
            async upsert(pr, body) {
                dry_run_would(`set the comment of #${pr} to:\n${body}`);
            }
        },
        deployments: {
            async start(ref, environment, task) {
                dry_run_would(`create a deployment of ${ref} in ${environment} (${task}), in progress`);
                return nextDeployment++;
            },
            async setStatus(id, state, status) {
                dry_run_would(`set deployment ${id} to ${state}${status.environmentUrl ? ` at ${status.environmentUrl}` : ''}`);
            },
            async deactivate(environment, task) {
                dry_run_would(`mark the deployments of ${task} in ${environment} inactive`);
            },
            async inProgress() {
                return [];
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/domain/label-definitions.ts
// Colours and descriptions of repository label definitions, as the Python tool gave them.
// Descriptions are plain text: GitHub rejects 4-byte characters (emoji) and more than 100
// characters there.

const TRIGGER = 'FFD700';
const SETTING = 'FFE4B5';
const BLOCKED = 'dc3545';
const DETAIL = 'FFF9C4';
const STATUS_COLORS = {
    running: '28a745',
    building: 'FFD700',
    failed: 'dc3545',
    updating: 'fd7e14',
    sleeping: '6c757d'
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



/**
 * `known` names have a definition already (names attached somewhere do): they are never
 * re-patched. With `createDefinitions: false` the caller creates definitions itself (cleanup plans
 * them), and an add never costs more than one request.
 */
function labelWriter(octokit, repository, known, options = { createDefinitions: true }) {
    const defined = new Set(known);
    /** Label names' GraphQL ids, from the answers of the label writes. */
    const ids = new Map();
    const namesOf = (labels) => {
        for (const label of labels)
            ids.set(label.name, label.node_id);
        return labels.map((label) => label.name);
    };
    /** Attached before their definition was written: GitHub made a grey one, to be coloured. */
    const attachedUndefined = new Set();
    async function define(name) {
        // Static definitions are kept by cleanup: a first use costs no request here.
        if (!options.createDefinitions || defined.has(name) || domain_labels/* STATIC_LABELS */.r4.includes(name))
            return;
        defined.add(name);
        const { color, description } = labelDefinition(name);
        try {
            if (attachedUndefined.delete(name))
                await octokit.rest.issues.updateLabel({ ...repository, name, color, description });
            else
                await octokit.rest.issues.createLabel({ ...repository, name, color, description });
        }
        catch (error) {
            if (!alreadyExists(error))
                core/* warning */.$e(`could not write the label definition "${name}": ${error.message}`);
        }
    }
    return {
        async define(names) {
            for (const name of names)
                await define(name);
        },
        async add(pr, names, { defineFirst = true } = {}) {
            if (defineFirst)
                for (const name of names)
                    await define(name);
            else
                for (const name of names)
                    if (!defined.has(name))
                        attachedUndefined.add(name);
            core/* info */.pq(`+ ${names.join(', ')} (#${pr})`);
            const { data } = await octokit.rest.issues.addLabels({
                ...repository,
                issue_number: pr,
                labels: [...names]
            });
            return namesOf(data);
        },
        async removeMany(prNodeId, names) {
            const labelIds = names.map((name) => ids.get(name));
            if (labelIds.some((id) => id === undefined))
                return undefined;
            core/* info */.pq(`- ${names.join(', ')} (one request)`);
            const answer = await octokit.graphql(REMOVE_LABELS, {
                labelable: prNodeId,
                labels: labelIds
            });
            const labels = answer.removeLabelsFromLabelable?.labelable?.labels?.nodes ?? [];
            return namesOf(labels.flatMap((l) => (l ? [{ name: l.name, node_id: l.id }] : [])));
        },
        remove(pr, name) {
            core/* info */.pq(`- ${name} (#${pr})`);
            return removeLabel(pr, name);
        },
        async claim(pr, name) {
            core/* info */.pq(`- ${name} (#${pr}, the claim)`);
            try {
                // Not retried blindly: a retry after an applied 5xx would answer 404 and lose the claim.
                const labels = await removeLabel(pr, name, { retries: 0 });
                return labels === undefined ? { outcome: 'absent' } : { outcome: 'taken', labels };
            }
            catch (error) {
                if (!maybeApplied(error))
                    throw error;
                core/* warning */.$e(`removing "${name}" answered ${labels_statusOf(error)}: it may have been applied`);
                const labels = await removeLabel(pr, name);
                return labels === undefined ? { outcome: 'ambiguous' } : { outcome: 'taken', labels };
            }
        }
    };
    async function removeLabel(pr, name, request = {}) {
        try {
            const { data } = await octokit.rest.issues.removeLabel({
                ...repository,
                issue_number: pr,
                name,
                request
            });
            return namesOf(data);
        }
        catch (error) {
            if (labels_statusOf(error) === 404)
                return undefined;
            throw error;
        }
    }
}
const REMOVE_LABELS = `mutation ShowtimeRemoveLabels($labelable: ID!, $labels: [ID!]!) {
  removeLabelsFromLabelable(input: { labelableId: $labelable, labelIds: $labels }) {
    labelable { labels(first: 100) { nodes { name id } } }
  }
}`;
/** GitHub's 422 for a label definition that exists. */
function alreadyExists(error) {
    const errors = error.response
        ?.data?.errors;
    return errors?.some((e) => e.code === 'already_exists') ?? false;
}
function labels_statusOf(error) {
    return error.status;
}
/** A server error or a lost connection (which Octokit reports as 500): the write may have landed. */
function maybeApplied(error) {
    const status = labels_statusOf(error);
    return status !== undefined && status >= 500;
}
function definitionWriter(octokit, repository) {
    return {
        async create(name) {
            const { color, description } = labelDefinition(name);
            core/* info */.pq(`created the definition "${name}"`);
            try {
                await octokit.rest.issues.createLabel({ ...repository, name, color, description });
            }
            catch (error) {
                if (!alreadyExists(error))
                    throw error;
            }
        },
        async update(name) {
            const { color, description } = labelDefinition(name);
            core/* info */.pq(`coloured the definition "${name}"`);
            await octokit.rest.issues.updateLabel({ ...repository, name, color, description });
        },
        async remove(name) {
            core/* info */.pq(`deleted the definition "${name}"`);
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

// EXTERNAL MODULE: ./src/domain/ttl.ts
var domain_ttl = __webpack_require__(8140);
;// CONCATENATED MODULE: ./src/domain/label-state.ts
// Everything a PR's labels say, read into one value. Label order never changes the result: names
// are sorted first, and every "two of a kind" case has a rule (see docs/reference/labels.md).



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
        const status = pick(entry.status, (a, b) => (0,domain_show/* statusRank */.Tx)(a.value) - (0,domain_show/* statusRank */.Tx)(b.value));
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
    const active = pick(pointers.flatMap((p) => showsBySha.get(p.sha) ?? []), (a, b) => Number((0,domain_show/* statusClass */.hI)(b.status) === 'running') - Number((0,domain_show/* statusClass */.hI)(a.status) === 'running') ||
        ((0,domain_show/* createdAtMs */.aF)(b) ?? 0) - ((0,domain_show/* createdAtMs */.aF)(a) ?? 0) ||
        compare(a.sha, b.sha));
    if (pointers.length > 1) {
        problems.push(`${pointers.length} ${domain_labels/* EMOJI */.$J.pointer} pointers; ${active ? `${active.sha} wins` : 'none names a show'}`);
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

// EXTERNAL MODULE: ./src/domain/pull-request.ts
var pull_request = __webpack_require__(2901);
;// CONCATENATED MODULE: ./src/github/pull-requests.ts
// Reads a pull request, a user's role and the label events of its timeline. No decisions here:
// the planner makes them.


const EVENTS_PER_PAGE = 100;
/** The number of the `rel="last"` page of a `link` header, if there is one. */
function lastPage(link) {
    const last = /<([^>]*)>;\s*rel="last"/.exec(link ?? '')?.[1];
    const page = last === undefined
        ? undefined
        : new URL(last, 'https://api.github.com').searchParams.get('page');
    return page === undefined || page === null ? undefined : Number(page);
}
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
                comments: data.comments,
                nodeId: data.node_id
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
        },
        async labelEvents(number) {
            const page = (n) => octokit.rest.issues.listEvents({
                ...repository,
                issue_number: number,
                per_page: EVENTS_PER_PAGE,
                page: n
            });
            const first = await page(1);
            const last = lastPage(first.headers.link);
            let events = first.data;
            if (last !== undefined && last > 1) {
                const tail = (await page(last)).data;
                events = last === 2 ? [...first.data, ...tail] : tail;
            }
            return events.flatMap((item) => {
                const label = item.label?.name;
                if ((item.event !== 'labeled' && item.event !== 'unlabeled') || label === undefined)
                    return [];
                return [{ event: item.event, label, actor: item.actor?.login ?? '' }];
            });
        }
    };
}
/** What the planner knows of a PR: its data, with its labels read. */
function snapshotOf(data) {
    return {
        number: data.number,
        state: data.state,
        headSha: data.headSha,
        author: data.author,
        isFork: data.isFork,
        labels: readLabels(data.labels)
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

;// CONCATENATED MODULE: ./src/http/health-probe.ts
// The deployed app, as the health check sees it: one GET, its status or why it did not answer.

const httpProbe = async (url, timeoutMs) => {
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
};
/** With dry-run-aws there is no app: it answers at once. */
const dryRunProbe = () => Promise.resolve('HTTP 200');

// EXTERNAL MODULE: ./src/config/inputs.ts + 1 modules
var config_inputs = __webpack_require__(8558);
;// CONCATENATED MODULE: ./src/domain/planner.ts
// The planner: a pure function from (PR snapshot, event, target SHA, clock, policy) to a decision
// and the ordered steps `sync` carries out. Every rule of the decision table lives here; the modes
// only fetch facts and execute steps. The table is documented in docs/reference/decisions.md.




const NOTHING_NEEDED = {
    needsPermission: false,
    needsEnvironmentCount: false,
    needsRunningCommit: false,
    needsStopOrigin: false
};
function plan(input) {
    const outcome = decide(input);
    if (typeof outcome === 'symbol') {
        const missing = MISSING[outcome];
        return {
            action: 'no_action',
            reason: missing.reason,
            message: missing.message(input),
            buildNeeded: false,
            syncNeeded: false,
            targetSha: input.targetSha,
            steps: [],
            ...NOTHING_NEEDED,
            [missing.flag]: true
        };
    }
    const steps = withLegacyRewrite(outcome.steps, input.pr.labels);
    return {
        ...outcome,
        steps,
        buildNeeded: steps.some((s) => s.kind === 'build'),
        syncNeeded: steps.length > 0,
        targetSha: input.targetSha,
        ...NOTHING_NEEDED
    };
}
const NEEDS_PERMISSION = Symbol('needs permission');
const NEEDS_COUNT = Symbol('needs the count of running environments');
const NEEDS_RUNNING_COMMIT = Symbol('needs the commit the running environment records');
const NEEDS_STOP_ORIGIN = Symbol('needs who added the stop trigger');
const MISSING = {
    [NEEDS_PERMISSION]: {
        flag: 'needsPermission',
        reason: 'permission_unknown',
        message: (input) => `the role of ${input.actor.login} is needed to decide`
    },
    [NEEDS_COUNT]: {
        flag: 'needsEnvironmentCount',
        reason: 'environment_count_unknown',
        message: () => 'the number of running environments is needed to decide (max-environments)'
    },
    [NEEDS_RUNNING_COMMIT]: {
        flag: 'needsRunningCommit',
        reason: 'running_commit_unknown',
        message: (input) => `the full commit that the running environment ${(0,domain_show/* shortSha */.Fu)(input.targetSha)} records is needed to decide`
    },
    [NEEDS_STOP_ORIGIN]: {
        flag: 'needsStopOrigin',
        reason: 'stop_origin_unknown',
        message: () => `who added ${domain_labels/* TRIGGER_STOP */.A$} is needed to decide`
    }
};
function decide(input) {
    const { pr } = input;
    const labels = pr.labels;
    if (pr.state === 'closed') {
        if (labels.showtimeLabels.length === 0) {
            return noAction('pr_closed_nothing_to_clean', 'the PR is closed and has no Showtime labels');
        }
        return destroy(input, 'pr_closed', 'the PR is closed: every environment is torn down');
    }
    const own = ownTrigger(input);
    const stop = stopFromTimeline(input, own);
    if (stop !== undefined)
        return stop;
    if (own === 'start' && labels.stopTrigger && !labels.blocked)
        return startBesideStop();
    if (own !== undefined) {
        const outcome = triggered(input, own);
        if (typeof outcome === 'symbol')
            return outcome;
        const ownLabel = own === 'start' ? domain_labels/* TRIGGER_START */.Gu : domain_labels/* TRIGGER_STOP */.A$;
        const consumed = consumedTriggers(outcome.steps);
        const others = labels.triggerLabels.filter((t) => t !== ownLabel && !consumed.has(t));
        return others.length === 0 ? outcome : withWaitingTriggers(outcome, others);
    }
    if (labels.blocked) {
        return {
            action: 'blocked',
            reason: 'blocked_label',
            message: `the ${domain_labels/* BLOCKED */.hl} label is present: Showtime does nothing until it is removed`,
            steps: []
        };
    }
    const outcome = withoutTrigger(input);
    return labels.triggerLabels.length === 0 || typeof outcome === 'symbol'
        ? outcome
        : withWaitingTriggers(outcome, labels.triggerLabels);
}
/**
 * Stop beats start: a stop trigger on the PR that is not this run's own is honoured by whichever
 * run sees it (its own run may have been replaced by a newer one in the workflow's concurrency
 * group), once the issue's timeline shows that the user who added it last has an allowed role.
 * A start trigger on the PR goes with it. Not on a blocked PR, where Showtime does nothing.
 */
function stopFromTimeline(input, own) {
    const labels = input.pr.labels;
    if (!labels.stopTrigger || own === 'stop' || labels.blocked)
        return undefined;
    const origin = input.stopOrigin;
    if (origin === undefined)
        return NEEDS_STOP_ORIGIN;
    if (origin === null || !input.policy.allowedPermissions.includes(origin.permission))
        return undefined;
    return destroy(input, 'stop_trigger_from_timeline', `${origin.login} (${origin.permission}) added the stop trigger, which no run had acted on: every environment is torn down`, stopGate(labels));
}
/**
 * Stop beats start, also when the timeline cannot vouch for the stop (or names a user who may not
 * stop): the start run builds nothing and leaves both triggers to the stop's own run, which
 * tears down (taking the start with it) or removes the stop it refuses.
 */
function startBesideStop() {
    return noAction('stop_trigger_pending', `${domain_labels/* TRIGGER_STOP */.A$} is on the PR too, and stop beats start: nothing is built, and the stop trigger's own run decides`);
}
/** What a stop takes: its trigger first (the claim), then a start trigger beside it (stop wins). */
function stopGate(labels) {
    return [domain_labels/* TRIGGER_STOP */.A$, ...(labels.startTrigger ? [domain_labels/* TRIGGER_START */.Gu] : [])];
}
/** The trigger labels an outcome's steps take off the PR. */
function consumedTriggers(steps) {
    return new Set(steps.flatMap((s) => (s.kind === 'claim' ? s.labels : s.kind === 'labels' ? s.remove : [])));
}
/**
 * The trigger this run may act on: the one its own `labeled` event added, still on the PR. Every
 * other run leaves trigger labels alone, because nothing but that event says who added a label
 * and for which commit.
 */
function ownTrigger(input) {
    const { event, pr } = input;
    if (event.kind !== 'labeled' || event.label === undefined)
        return undefined;
    if (event.label === domain_labels/* TRIGGER_START */.Gu && pr.labels.startTrigger)
        return 'start';
    if (event.label === domain_labels/* TRIGGER_STOP */.A$ && pr.labels.stopTrigger)
        return 'stop';
    return undefined;
}
function triggered(input, which) {
    const { pr } = input;
    const trigger = which === 'start' ? domain_labels/* TRIGGER_START */.Gu : domain_labels/* TRIGGER_STOP */.A$;
    if (pr.labels.blocked) {
        return refused('blocked_label', `the ${domain_labels/* BLOCKED */.hl} label is present: the ${which} trigger is removed unused`, trigger, { about: 'blocked', trigger });
    }
    const authorised = isAuthorised(input);
    if (authorised === undefined)
        return NEEDS_PERMISSION;
    if (!authorised) {
        return refused('unauthorised_trigger', `${input.actor.login} (${input.actor.permission}) may not start or stop environments: only ${roles(input.policy)} may`, trigger, {
            about: 'unauthorised',
            trigger,
            login: input.actor.login,
            roles: input.policy.allowedPermissions
        });
    }
    if (which === 'stop') {
        return destroy(input, 'explicit_stop_trigger', 'the stop trigger asks for every environment to be torn down', stopGate(pr.labels));
    }
    if (pr.labels.freeze) {
        return refused('frozen', `the PR is frozen (${domain_labels/* FREEZE */.kY}): the start trigger is removed unused; remove the freeze first`, trigger, { about: 'frozen', trigger });
    }
    // The label approves the commit its event carries; a workflow that names another one is
    // misconfigured, and the label stays for a run that is not.
    const approved = input.event.sha;
    if (approved !== undefined && !sameCommit(approved, input.targetSha)) {
        return {
            action: 'blocked',
            reason: 'trigger_commit_mismatch',
            message: `the start trigger approved ${(0,domain_show/* shortSha */.Fu)(approved)}, but the sha input names ${(0,domain_show/* shortSha */.Fu)(input.targetSha)}`,
            steps: []
        };
    }
    return startTrigger(input, trigger);
}
/** A trigger that cannot act: its own run removes it and, when there is something to say, says
 * why on the PR. */
function refused(reason, message, trigger, notice) {
    return {
        action: 'blocked',
        reason,
        message,
        steps: [
            { kind: 'labels', add: [], remove: [trigger], why: reason },
            { kind: 'notify', notices: [notice] }
        ]
    };
}
/** Trigger labels whose run never acted on them wait; the PR is told what to do. */
function withWaitingTriggers(outcome, triggers) {
    const waiting = { about: 'trigger-waiting', triggers };
    const told = outcome.steps.some((s) => s.kind === 'notify');
    const steps = told
        ? outcome.steps.map((s) => s.kind === 'notify' ? { ...s, notices: [...s.notices, waiting] } : s)
        : [...outcome.steps, { kind: 'notify', notices: [waiting] }];
    return { ...outcome, steps };
}
/** Two commits are the same only when their full SHAs are: a shared 7-character prefix, which a
 * fork can forge, proves nothing. */
function sameCommit(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
function runningCommit(input) {
    const recorded = input.runningCommit;
    if (recorded === undefined)
        return NEEDS_RUNNING_COMMIT;
    if (recorded === null || !/^[0-9a-f]{40}$/i.test(recorded))
        return 'unproven';
    return sameCommit(recorded, input.targetSha) ? 'same' : 'other';
}
function startTrigger(input, trigger) {
    const target = findShow(input.pr.labels, input.targetSha);
    const sha = (0,domain_show/* shortSha */.Fu)(input.targetSha);
    const state = target && targetState(target, input);
    switch (state) {
        case undefined:
            return create(input, 'explicit_start_new_sha', `the start trigger asks for ${sha} to be deployed`, trigger);
        case 'failed':
            return create(input, 'explicit_start_failed_sha', `the start trigger retries ${sha}, which failed`, trigger);
        case 'stale':
            return create(input, 'explicit_start_stale_sha', `the start trigger restarts ${sha}, whose build was abandoned`, trigger);
        case 'running': {
            const running = runningCommit(input);
            if (running === NEEDS_RUNNING_COMMIT)
                return running;
            // Labels and names hold 7 characters: two commits with one prefix cannot both have an
            // environment, and a service records only the commit it runs.
            if (running === 'other') {
                return refused('short_sha_collision', `${sha} runs another commit with the same first 7 characters as ${input.targetSha}: it is not rebuilt in its place`, trigger, { about: 'collision', trigger, sha: input.targetSha });
            }
            return create(input, 'explicit_start_force_rebuild', `the start trigger rebuilds ${sha}, which is running`, trigger);
        }
        case 'sleeping': {
            const running = runningCommit(input);
            if (running === NEEDS_RUNNING_COMMIT)
                return running;
            if (running === 'other') {
                return refused('short_sha_collision', `${sha} sleeps with another commit with the same first 7 characters as ${input.targetSha}: it is not woken in its place`, trigger, { about: 'collision', trigger, sha: input.targetSha });
            }
            return {
                action: 'no_action',
                reason: 'explicit_start_wake',
                message: `the start trigger wakes ${sha}, which sleeps: no build, one task starts`,
                steps: [
                    { kind: 'claim', via: 'trigger', labels: [trigger] },
                    { kind: 'wake', sha, service: (0,resources/* serviceName */.fe)(input.pr.number, sha) }
                ]
            };
        }
        case 'in-progress':
            // Consumed, so that it cannot force a second build of the same commit later.
            return {
                action: 'no_action',
                reason: 'start_while_in_progress',
                message: `${sha} is already ${target?.status}: the start trigger is consumed without a second build`,
                steps: [{ kind: 'claim', via: 'trigger', labels: [trigger] }]
            };
        case 'unknown':
            return create(input, 'explicit_start_trigger', `the start trigger redeploys ${sha}`, trigger);
    }
}
/** A new commit, a manual dispatch, or a resume (freeze or block removed) may roll out the target;
 * any other event (someone adds `bug`) deploys nothing new. */
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
    const sha = (0,domain_show/* shortSha */.Fu)(input.targetSha);
    const state = target && targetState(target, input);
    if (!isRolloutEvent(event)) {
        return noAction('not_a_deploy_event', `a ${describeEvent(event)} event deploys nothing new`);
    }
    if (state === 'running') {
        const running = runningCommit(input);
        if (running === NEEDS_RUNNING_COMMIT)
            return running;
        if (running === 'same')
            return noAction('already_running', `${sha} is already running`);
        return noAction(running === 'other' ? 'short_sha_collision' : 'running_commit_unproven', running === 'other'
            ? `the environment ${sha} runs another commit with the same first 7 characters as ${input.targetSha}: nothing is deployed`
            : `${sha} is running, but its service does not record that it runs ${input.targetSha}: nothing is deployed (add ${domain_labels/* TRIGGER_START */.Gu} to rebuild it)`);
    }
    if (state === 'in-progress')
        return noAction('in_progress', `${sha} is already ${target?.status}`);
    if (state === 'sleeping') {
        return noAction('sleeping', `${sha} sleeps: add ${domain_labels/* TRIGGER_START */.Gu} to wake it`);
    }
    if (labels.shows.length === 0) {
        return noAction('no_environment', `the PR has no environment: add the label ${domain_labels/* TRIGGER_START */.Gu} to create one`);
    }
    if (state === 'failed' || state === 'stale') {
        return noAction('target_failed', `${sha} ${state === 'failed' ? 'failed' : 'was abandoned'}: add ${domain_labels/* TRIGGER_START */.Gu} to retry`);
    }
    if (labels.freeze) {
        return noAction('frozen', `the PR is frozen (${domain_labels/* FREEZE */.kY}): ${sha} is not rolled out`);
    }
    const named = event.sha !== undefined && sameCommit(event.sha, input.targetSha);
    if (pr.isFork && event.kind === 'dispatch' && !named) {
        return noAction('fork_dispatch_needs_sha', `the PR comes from a fork: a dispatch deploys only the commit its sha input names`);
    }
    if (pr.isFork && event.kind !== 'dispatch') {
        // Nothing to write: the comment of the fork's environment already says that new commits wait
        // for a maintainer, so that a fork's pushes cost no request.
        return noAction('fork_commit_needs_approval', `${sha} comes from a fork: a maintainer approves it by adding ${domain_labels/* TRIGGER_START */.Gu}`);
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
    const cls = (0,domain_show/* statusClass */.hI)(show.status);
    if (cls !== 'in-progress')
        return cls;
    const started = (0,domain_show/* createdAtMs */.aF)(show);
    const stale = started !== undefined && input.now - started > input.policy.staleAfterMs;
    return stale ? 'stale' : 'in-progress';
}
function isAuthorised(input) {
    const { permission } = input.actor;
    if (permission === undefined)
        return undefined;
    return input.policy.allowedPermissions.includes(permission);
}
function create(input, reason, message, trigger) {
    const { pr, policy } = input;
    const labels = pr.labels;
    const sha = (0,domain_show/* shortSha */.Fu)(input.targetSha);
    const over = overCap(input);
    if (over === NEEDS_COUNT)
        return over;
    if (over !== undefined) {
        const notice = { about: 'over-cap', ...over, ...(trigger && { trigger }) };
        const refusal = `${over.holders.length} environments run already, the most that max-environments allows (${over.cap})`;
        return trigger
            ? refused('over_cap', refusal, trigger, notice)
            : {
                action: 'blocked',
                reason: 'over_cap',
                message: refusal,
                steps: [{ kind: 'notify', notices: [notice] }]
            };
    }
    const target = findShow(labels, sha);
    const forcedRebuild = target !== undefined && (0,domain_show/* statusClass */.hI)(target.status) === 'running';
    const image = (0,resources/* imageReference */.rA)(policy.imageRepository, pr.number, sha);
    const service = (0,resources/* serviceName */.fe)(pr.number, sha);
    // A forced rebuild keeps the running environment's address and pointer: it serves until the
    // replacement is healthy.
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
    if (trigger !== undefined) {
        steps.push({ kind: 'claim', via: 'trigger', labels: [trigger] });
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
/**
 * With max-environments set, a PR that has no live environment may not start one while the
 * repository already runs that many; a roll-over replaces the PR's own, so it is always allowed.
 */
function overCap(input) {
    const cap = input.policy.maxEnvironments;
    // A sleeping environment is the PR's own too: its roll-over replaces it.
    const own = (show) => isLive(show) || (0,domain_show/* statusClass */.hI)(show.status) === 'sleeping';
    if (cap === 0 || input.pr.labels.shows.some(own))
        return undefined;
    if (input.liveEnvironments === undefined)
        return NEEDS_COUNT;
    const holders = input.liveEnvironments.filter((e) => e.pr !== input.pr.number);
    return holders.length >= cap ? { holders, cap } : undefined;
}
function isLive(show) {
    const cls = (0,domain_show/* statusClass */.hI)(show.status);
    return cls === 'running' || cls === 'in-progress';
}
/** Another run is rolling out the PR's newest commit: it tears this environment down when it goes
 * live, so this run leaves it alone (two roll-outs never tear each other down). */
function isNewerRollout(show, input) {
    const head = (0,domain_show/* shortSha */.Fu)(input.pr.headSha);
    return (show.sha === head &&
        (0,domain_show/* shortSha */.Fu)(input.targetSha) !== head &&
        targetState(show, input) === 'in-progress');
}
/** Tears every environment down. `gate` is the trigger whose removal claims the run; a closed PR
 * loses every trigger label with the rest. */
function destroy(input, reason, message, gate = input.pr.labels.triggerLabels) {
    const { pr } = input;
    const labels = pr.labels;
    const steps = [];
    if (gate.length > 0)
        steps.push({ kind: 'claim', via: 'trigger', labels: gate });
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
        service: (0,resources/* serviceName */.fe)(pr, show.sha),
        labels: show.labels
    };
}
function noAction(reason, message) {
    return { action: 'no_action', reason, message, steps: [] };
}
/** When sync claims a PR anyway, labels in an old form are replaced by their current form right
 * after the claim (teardowns planned later remove the current forms instead). */
function withLegacyRewrite(steps, labels) {
    // Only a run that claims the PR rewrites; a refusal or a notice changes nothing else.
    if (!steps.some((s) => s.kind === 'claim') || labels.legacyLabels.length === 0)
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
/**
 * After a run claimed a new commit by writing its labels, it reads the PR again: it backs off when
 * the PR was closed, or when the PR moved on to a newer head (whose own run rolls that out) unless
 * the commit was named by the workflow.
 */
function supersededBy(fresh, sha, named) {
    if (fresh.state === 'closed')
        return 'the PR was closed';
    if (!named && !sameCommit(fresh.headSha, sha))
        return `the PR moved on to ${(0,domain_show/* shortSha */.Fu)(fresh.headSha)}`;
    return undefined;
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

;// CONCATENATED MODULE: ./src/domain/claim.ts
// How a sync run claims its work against other runs, and notices when it lost it. Only the run
// whose removal of the trigger GitHub accepted goes on (a second one gets 404); a run without a
// trigger writes its building labels, reads the PR again, and backs off when it was superseded
// (planner.ts `supersededBy`), taking off what it wrote. A claim lasts while the commit's status
// labels stay: when another run (a stop, a close, a newer roll-out) removes them, this one stops.


/**
 * What the answer means for the run: it goes on, it lost, or it reads the PR again first. Only a
 * run that creates an environment reads again (two builds of one commit must not both go on); a
 * teardown twice does no harm, and a trigger consumed without a build changes nothing else.
 */
function triggerClaim(answer, action) {
    if (answer === 'absent')
        return 'lost';
    return answer === 'ambiguous' && action === 'create_environment' ? 're-read' : 'claimed';
}
/** An ambiguous claim, settled as a commit claim is: with the PR read again, the run goes on
 * unless another run already shows this commit in progress (it writes its building labels right
 * away). */
function settleAmbiguousClaim(fresh, sha) {
    const show = fresh.shows.find((s) => s.sha === sha);
    return show && (0,domain_show/* statusClass */.hI)(show.status) === 'in-progress' ? 'lost' : 'claimed';
}
/** What a superseded commit claim takes off again: every label it wrote but the PR-level TTL,
 * which a run adds only when the PR has none, so that another run may count on it too. */
function claimUndo(claimLabels) {
    return claimLabels.filter((name) => (0,domain_labels/* parseLabel */.Q_)(name).kind !== 'ttl');
}
/** Another run took this commit's labels off while this one wrote: none of the status labels the
 * commit had before the write is left (a commit without one was not this run's to lose). */
function removedByAnotherRun(statusBefore, labelsNow) {
    return statusBefore.length > 0 && !statusBefore.some((label) => labelsNow.includes(label));
}
/** The commit was named by the workflow (the sha input, or the sha of a dispatch), not taken from
 * the PR's head: a newer head does not supersede its claim. */
function namedByWorkflow(request) {
    return request.shaInput || (request.event === 'dispatch' && request.eventSha);
}

;// CONCATENATED MODULE: ./src/domain/payload-decision.ts
// Events that change nothing cost nothing: a `pull_request_target` payload carries the PR as it was
// when the event happened (its state, head, head repository and labels), and when the decision
// made from it is to do nothing, with no trigger involved, the run needs no request to GitHub at
// all. Stale facts cannot hurt such a decision: every change since (a label added, a push, a
// close) has an event and a run of its own.

/**
 * A decision made from the event's payload stands when it has no step to carry out, needs no fact
 * that only GitHub has (a user's role, the issue's timeline), and no trigger label is involved:
 * none was on the PR when the event happened, and the event is not the addition or removal of
 * one. Anything else is decided again on the PR as GitHub shows it now.
 */
function standsOnPayload(decision, labels, event) {
    const aboutTrigger = event.label !== undefined && (0,domain_labels/* parseLabel */.Q_)(event.label).kind === 'trigger';
    return (decision.steps.length === 0 &&
        !decision.needsPermission &&
        !decision.needsStopOrigin &&
        labels.triggerLabels.length === 0 &&
        !aboutTrigger);
}

;// CONCATENATED MODULE: ./src/domain/stop-origin.ts
// Who added a trigger label, as the issue's timeline tells it. A stop trigger whose own `labeled`
// run never came (a newer run replaced it in the workflow's concurrency group) is honoured by any
// run that sees it, but only once the timeline shows who added it: the label alone says nothing
// about who put it there.
/**
 * The user who added `label` last, while it is on the issue: the actor of the newest event about
 * it, when that event is its `labeled` one. `events` are the newest of the timeline, without gaps,
 * oldest first. Undefined when they do not say: no event about the label among them, or its newest
 * one removed it.
 */
function lastAddedBy(events, label) {
    const newest = events.findLast((event) => event.label === label);
    return newest?.event === 'labeled' && newest.actor !== '' ? newest.actor : undefined;
}

;// CONCATENATED MODULE: ./src/config/event.ts
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
    let pullRequest;
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
        pullRequest = pullRequestOf(payload.pull_request);
    }
    else if (runner.eventName === 'workflow_dispatch') {
        kind = 'dispatch';
        const inputs = (payload.inputs ?? {});
        const rawNumber = String(inputs.pr_number ?? '').trim();
        if (rawNumber !== '')
            number = (0,config_inputs/* prNumber */.K9)(rawNumber, 'pr_number (workflow_dispatch)');
        const rawSha = String(inputs.sha ?? '').trim();
        if (rawSha !== '')
            eventSha = (0,config_inputs/* commitSha */.mJ)(rawSha, 'sha (workflow_dispatch)');
    }
    const prNumberResolved = overrides.prNumber ?? number;
    if (prNumberResolved === undefined) {
        throw new errors/* InputError */.d(`No pull request to act on: the ${runner.eventName || 'unknown'} event names none; set the pr-number input.`);
    }
    if (number !== undefined && prNumberResolved !== number) {
        // The event is about another PR: what it says (its action, its head) does not apply here.
        kind = 'other';
        eventSha = undefined;
        pullRequest = undefined;
    }
    const sha = overrides.sha ?? eventSha;
    return {
        prNumber: prNumberResolved,
        event: {
            kind,
            sender,
            ...(label !== undefined && (kind === 'labeled' || kind === 'unlabeled') && { label }),
            ...(eventSha !== undefined && { sha: eventSha })
        },
        ...(sha !== undefined && { requestedSha: sha }),
        ...(pullRequest !== undefined && { payloadPullRequest: pullRequest })
    };
}
/** The commit to act on: the requested one (a full SHA, taken as it is: never expanded from a
 * prefix), else the PR's current head. */
function resolveTargetSha(requested, headSha) {
    return requested ?? headSha;
}
/**
 * The PR as a `pull_request(_target)` payload describes it (GitHub's webhook payload carries the
 * whole pull request object: state, head and its repository, labels, body, comment count). Only a
 * payload that has every field is used; anything less is read from the API instead.
 */
function pullRequestOf(value) {
    if (value === null || typeof value !== 'object')
        return undefined;
    const pr = value;
    const number = pr.number;
    const state = pr.state;
    const headSha = stringAt(pr, 'head', 'sha');
    const baseRepo = stringAt(pr, 'base', 'repo', 'full_name');
    const head = pr.head;
    const labels = pr.labels;
    if (typeof number !== 'number' ||
        (state !== 'open' && state !== 'closed') ||
        !/^[0-9a-f]{40}$/.test(headSha) ||
        baseRepo === '' ||
        head === undefined ||
        !('repo' in head) ||
        !Array.isArray(labels) ||
        !labels.every((l) => typeof l?.name === 'string'))
        return undefined;
    // A deleted fork has no head repository: untrusted too.
    const headRepo = head.repo === null ? undefined : stringAt(head, 'repo', 'full_name');
    const comments = pr.comments;
    return {
        number,
        state,
        headSha,
        author: stringAt(pr, 'user', 'login'),
        isFork: headRepo !== baseRepo,
        labels: labels.map((l) => l.name),
        body: typeof pr.body === 'string' ? pr.body : '',
        comments: typeof comments === 'number' ? comments : 1,
        ...(typeof pr.node_id === 'string' && { nodeId: pr.node_id })
    };
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

;// CONCATENATED MODULE: ./src/domain/address.ts
// Where a PR's environment answers. Without a load balancer, at its task's public address, which
// the 🌐 label records per commit; behind the shared load balancer, at the PR's own host, which
// the environment serving the PR (its 🎯 commit) holds from its first deploy to its teardown. An
// environment deployed before the load balancer was configured keeps its 🌐 address until the
// next commit replaces it.


/** The URL one environment of PR `pr` answers at, if it answers. */
function showUrl(pr, labels, show, addressing) {
    const direct = show.ip ? `http://${show.ip}:${show.port ?? addressing.containerPort}` : undefined;
    switch (addressing.kind) {
        case 'task':
            return direct;
        case 'load-balancer':
            if (direct)
                return direct;
            return show.sha === labels.activeSha && (0,domain_show/* statusClass */.hI)(show.status) === 'running'
                ? (0,resources/* previewUrl */.e6)(pr, addressing.previewDomain)
                : undefined;
    }
}
/** The URL of the environment that serves the PR now, if any. */
function currentUrl(pr, labels, addressing) {
    const active = labels.shows.find((s) => s.sha === labels.activeSha);
    return active ? showUrl(pr, labels, active, addressing) : undefined;
}
/** The commit served before this run: a failed rebuild of it leaves it running. Without a load
 * balancer that is a commit with an address; behind one, a running commit. */
function hasServed(show, addressing) {
    switch (addressing.kind) {
        case 'task':
            return show.ip !== undefined;
        case 'load-balancer':
            return (0,domain_show/* statusClass */.hI)(show.status) === 'running';
    }
}

;// CONCATENATED MODULE: ./src/presentation/outputs.ts
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
        url: currentUrl(pr.number, pr.labels, context.addressing) ?? '',
        service_name: (0,resources/* serviceName */.fe)(pr.number, decision.targetSha),
        image: context.imageRepository
            ? (0,resources/* imageReference */.rA)(context.imageRepository, pr.number, decision.targetSha)
            : ''
    };
}

;// CONCATENATED MODULE: ./src/presentation/html.ts
// The few HTML pieces a job summary is made of. Every text from outside goes through `text`, so
// that a cause, a label or a message holding `<h1>` shows as written and changes nothing else.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text from anywhere, made safe to place in HTML content and in double-quoted attributes. */
function html_text(value) {
    return String(value).replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}
/** Pieces joined as they are (each already HTML). */
function join(pieces, separator = '') {
    return pieces.join(separator);
}
/** A link when the URL is a web address; the label alone otherwise. */
function html_link(url, label) {
    if (!url || !/^https?:\/\//.test(url))
        return label;
    return `<a href="${html_text(url)}">${label}</a>`;
}
function code(value) {
    return `<code>${html_text(value)}</code>`;
}
function heading(level, content) {
    return `<h${level}>${content}</h${level}>\n`;
}
function paragraph(content) {
    return `<p>${content}</p>\n`;
}
function list(items) {
    return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n`;
}
function table(headers, rows) {
    const head = `<tr>${headers.map((h) => `<th>${html_text(h)}</th>`).join('')}</tr>`;
    const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
    return `<table>${head}${body.join('')}</table>\n`;
}
/** Lines shown as written, each escaped. */
function preformatted(lines) {
    return `<pre>${lines.map((line) => html_text(line)).join('\n')}</pre>\n`;
}

;// CONCATENATED MODULE: ./src/presentation/summary.ts
// What people read besides the PR: the log lines and the job summary. Formatting only, no
// decisions. The summaries are pure functions returning HTML (every outside text escaped), written
// by `writeSummary`; each starts with its title.






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
            return `mark ${step.sha} running with its address and point ${domain_labels/* EMOJI */.$J.pointer} at it`;
        case 'teardown':
            return `tear down ${step.sha}: delete ${step.service}, remove ${step.labels.length} labels`;
        case 'wake':
            return `wake ${step.sha}: ${step.service} back to one task, then mark it running`;
        case 'notify':
            return `comment on the PR: ${step.notices.map(describeNotice).join('; ')}`;
    }
}
function describeNotice(notice) {
    switch (notice.about) {
        case 'unauthorised':
            return 'who may start and stop environments';
        case 'blocked':
            return 'the PR is blocked';
        case 'frozen':
            return 'the PR is frozen';
        case 'collision':
            return `another commit runs under the short SHA of ${notice.sha.slice(0, 7)}`;
        case 'over-cap':
            return `max-environments (${notice.cap}) is reached`;
        case 'trigger-waiting':
            return `${notice.triggers.join(', ')} waits: no run acted on it`;
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
const capitalised = (sentence) => sentence.charAt(0).toUpperCase() + sentence.slice(1);
function prTitle(mode, pr, ctx) {
    return heading(2, join([html_text(`${domain_labels/* TENT */.Yn} Showtime ${mode}: `), html_link(ctx.links.pull(pr), html_text(`PR #${pr}`))]));
}
function decisionTable(decision, ctx) {
    return table(['Decision', 'Reason', 'Why', 'Build needed', 'Sync needed', 'Commit'], [
        [
            html_text(decision.action),
            code(decision.reason),
            html_text(capitalised(decision.message)),
            html_text(String(decision.buildNeeded)),
            html_text(String(decision.syncNeeded)),
            html_link(ctx.links.commit(decision.targetSha), html_text((0,domain_show/* shortSha */.Fu)(decision.targetSha)))
        ]
    ]);
}
function stepsSection(decision, title) {
    if (decision.steps.length === 0)
        return '';
    return join([heading(3, html_text(title)), list(decision.steps.map((s) => html_text(describeStep(s))))]);
}
/** The PR's environments: commit, status, address, age, requester, service, logs. */
function environmentsSection(pr, ctx) {
    const rows = pr.labels.shows.map((show) => {
        const url = showUrl(pr.number, pr.labels, show, ctx.addressing);
        const service = (0,resources/* serviceName */.fe)(pr.number, show.sha);
        const pointer = show.sha === pr.labels.activeSha ? `${domain_labels/* EMOJI */.$J.pointer} ` : '';
        const logs = ctx.console?.logs();
        return [
            join([html_text(pointer), html_link(ctx.links.commit(show.sha), html_text(show.sha))]),
            html_text(show.status),
            url ? html_link(url, html_text(url)) : html_text(''),
            html_text(age((0,domain_show/* createdAtMs */.aF)(show), ctx.now)),
            html_text(show.requester ?? ''),
            html_link(ctx.console?.serviceEvents(service), html_text(service)),
            logs ? html_link(logs, html_text('logs')) : html_text('')
        ];
    });
    const ttl = pr.labels.ttl?.text;
    return join([
        heading(3, html_text('Environments')),
        rows.length === 0
            ? paragraph(html_text('None.'))
            : table(['Commit', 'Status', 'URL', 'Age', 'Requested by', 'Service (events)', 'Logs'], rows),
        ttl ? paragraph(join([html_text('Lifetime: '), code(ttl)])) : '',
        pr.labels.problems.length > 0
            ? join([heading(3, html_text('Ignored labels')), list(pr.labels.problems.map((p) => html_text(p)))])
            : ''
    ]);
}
/** What sync will do, in one sentence, for the check step's summary. */
function checkSentence(decision) {
    const sha = (0,domain_show/* shortSha */.Fu)(decision.targetSha);
    if (decision.needsPermission || decision.needsEnvironmentCount)
        return decision.message;
    if (decision.buildNeeded)
        return `sync will build and deploy ${sha}.`;
    if (decision.action === 'destroy_environment')
        return 'sync will tear the environments down.';
    if (decision.syncNeeded)
        return `sync will update the PR: ${decision.message}.`;
    return `Nothing for sync to do: ${decision.message}.`;
}
function renderCheckSummary(pr, decision, ctx) {
    return join([
        prTitle('check', pr.number, ctx),
        paragraph(join([html_text('→ '), html_text(capitalised(checkSentence(decision)))])),
        decisionTable(decision, ctx),
        stepsSection(decision, 'Planned steps'),
        environmentsSection(pr, ctx)
    ]);
}
/** What a sync run did, in one sentence. */
function syncSentence(outcome, decision, after, addressing) {
    const sha = (0,domain_show/* shortSha */.Fu)(decision.targetSha);
    switch (outcome.kind) {
        case 'claim-lost':
            return 'Another run claimed this PR first: this one does nothing.';
        case 'superseded':
            return `Stopped: ${outcome.why}.`;
        case 'failed':
            return `${capitalised(outcome.phase)} failed.`;
        case 'done':
            break;
    }
    if (!decision.syncNeeded)
        return `Nothing to do: ${decision.message}.`;
    switch (decision.action) {
        case 'create_environment': {
            const show = after.labels.shows.find((s) => s.sha === sha);
            const url = show ? showUrl(after.number, after.labels, show, addressing) : undefined;
            return url ? `${sha} is live at ${url}.` : `${sha} was deployed.`;
        }
        case 'destroy_environment':
            return `Every environment of PR #${after.number} was torn down.`;
        case 'blocked':
        case 'no_action':
            return `Nothing was deployed: ${decision.message}.`;
    }
}
function renderSyncSummary(s, ctx) {
    const failed = s.outcome.kind === 'failed';
    return join([
        prTitle('sync', s.pr.number, ctx),
        paragraph(join([html_text(failed ? '❌ ' : '→ '), `<b>${html_text(s.sentence)}</b>`])),
        s.outcome.kind === 'failed' ? paragraph(html_text(`Cause: ${s.outcome.cause}`)) : '',
        s.outcome.kind === 'failed' && s.outcome.diagnosis
            ? diagnosisSection(s.outcome.diagnosis)
            : '',
        s.simulated.length > 0
            ? paragraph(html_text(`Dry run: ${s.simulated.join(', ')} only simulated, nothing changed there.`))
            : '',
        decisionTable(s.decision, ctx),
        stepsSection(s.decision, 'Steps'),
        s.leftAlone && s.leftAlone.length > 0
            ? join([heading(3, html_text('Not ours: left alone')), list(s.leftAlone.map((l) => html_text(l)))])
            : '',
        s.phases.length > 0
            ? join([
                heading(3, html_text('Time per phase')),
                table(['Phase', 'Seconds'], s.phases.map((p) => [html_text(p.name), html_text((p.ms / 1000).toFixed(1))]))
            ])
            : '',
        environmentsSection(s.pr, ctx)
    ]);
}
/** The failed task: why it stopped and its exit code, or that it ran without answering its health
 * check; its last log lines (escaped: the PR's code wrote them) and the link to its log stream. */
function diagnosisSection({ diagnosis, logsUrl }) {
    const { unanswered } = diagnosis;
    const facts = [
        unanswered &&
            join([
                html_text('Task '),
                code(unanswered.task),
                html_text(': still running, it did not answer the health check at '),
                code(unanswered.healthPath),
                html_text(' before the deadline')
            ]),
        diagnosis.stopReason && join([html_text('Stop reason: '), code(diagnosis.stopReason)]),
        diagnosis.exitCode !== undefined &&
            join([
                html_text(`Exit code: ${diagnosis.exitCode}`),
                diagnosis.container
                    ? join([html_text(' (container '), code(diagnosis.container), html_text(')')])
                    : html_text('')
            ]),
        logsUrl && html_link(logsUrl, html_text("The task's log stream"))
    ].filter((item) => typeof item === 'string' && item !== '');
    return join([
        heading(3, html_text('The failed task')),
        facts.length > 0 ? list(facts) : '',
        diagnosis.logLines.length > 0
            ? join([
                paragraph(html_text(`Its last ${diagnosis.logLines.length} log lines:`)),
                preformatted(diagnosis.logLines)
            ])
            : ''
    ]);
}
function renderSetStateSummary(pr, sha, status, cause, ctx) {
    return join([
        prTitle('set-state', pr.number, ctx),
        paragraph(join([
            html_link(ctx.links.commit(sha), html_text(sha)),
            html_text(' is now '),
            `<b>${html_text(status)}</b>`,
            html_text('.')
        ])),
        cause ? paragraph(html_text(`Cause: ${cause}`)) : '',
        environmentsSection(pr, ctx)
    ]);
}
function renderCleanupSummary(s, ctx) {
    const hours = (ms) => ms === undefined ? 'unknown' : `${Math.floor(ms / 3_600_000)}h`;
    const rows = s.plan.rows.map((r) => [
        r.pr ? html_link(ctx.links.pull(r.pr), html_text(`#${r.pr}`)) : html_text(''),
        r.sha ? html_link(ctx.links.commit(r.sha), html_text(r.sha)) : html_text(''),
        html_text(r.status),
        html_text(hours(r.ageMs)),
        html_text(r.ttl),
        r.url ? html_link(r.url, html_text(r.url)) : html_text(''),
        html_text(r.action)
    ]);
    return join([
        heading(2, html_text(`${domain_labels/* TENT */.Yn} Showtime cleanup${s.dryRun ? ' (dry run: nothing was changed)' : ''}`)),
        rows.length === 0
            ? paragraph(html_text('No environments.'))
            : table([
                'PR',
                'Commit',
                'Status',
                'Age',
                'TTL',
                'URL',
                s.dryRun ? 'Action planned' : 'Action taken'
            ], rows),
        heading(3, html_text('Totals')),
        list(s.totals.map((t) => html_text(t))),
        s.failures.length > 0
            ? join([heading(3, html_text('Failures')), list(s.failures.map((f) => html_text(f)))])
            : ''
    ]);
}
async function writeSummary(html) {
    await core/* appendSummary */.fe(html);
}

;// CONCATENATED MODULE: ./src/modes/check.ts
// check: decide what the event means for the PR and say so in the outputs. Writes nothing to
// GitHub. Costs nothing when the event's payload shows a PR on which it changes nothing; else one
// request (the PR), plus one for the sender's role when a trigger needs it, and two or three when
// a stop trigger's origin must be read from the timeline.













function policyFrom(inputs) {
    return {
        allowedPermissions: inputs.allowedPermissions,
        staleAfterMs: defaults/* STALE_IN_PROGRESS_MS */.$I,
        defaultTtl: inputs.ttl.text,
        imageRepository: inputs.docker.imageRepository,
        containerPort: inputs.containerPort,
        maxEnvironments: inputs.maxEnvironments
    };
}
/** Reads the facts and plans: shared by check and sync. An event whose payload shows a PR on
 * which it changes nothing is decided from that payload alone, without a request to GitHub. */
async function decideForEvent(inputs, deps) {
    const target = readEvent(deps.runner, {
        ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
        ...(inputs.sha !== undefined && { sha: inputs.sha })
    });
    const explicitSha = namedByWorkflow({
        shaInput: inputs.sha !== undefined,
        event: target.event.kind,
        eventSha: target.requestedSha !== undefined
    });
    const login = target.event.sender;
    const planFor = async (data, github) => {
        const pr = snapshotOf(data);
        const policy = policyFrom(inputs);
        const { decision, input } = await planWithFacts(deps, {
            pr,
            event: target.event,
            targetSha: resolveTargetSha(target.requestedSha, pr.headSha),
            now: deps.now(),
            policy,
            actor: withPermission(login, impliedPermission(target.event, pr, policy))
        }, github);
        return { pr, data, decision, explicitSha, sender: login, input };
    };
    const payload = target.payloadPullRequest;
    if (payload !== undefined) {
        const fromPayload = await planFor(payload, false);
        const { pr, decision } = fromPayload;
        if (standsOnPayload(decision, pr.labels, target.event)) {
            core/* info */.pq('decided from the event payload: no request to GitHub');
            logLabelProblems(pr.labels);
            return fromPayload;
        }
    }
    const result = await planFor(await deps.github.getPullRequest(target.prNumber), true);
    logLabelProblems(result.pr.labels);
    return result;
}
/**
 * Plans with what is known; the planner names the one fact it misses, which is fetched (the
 * sender's role, the running environments, the commit a running environment records, who added
 * a stop trigger) and the plan made again. Without `github`, only facts from AWS are fetched: a
 * plan that needs one from GitHub is returned as it is.
 */
async function planWithFacts(deps, first, github) {
    let input = first;
    let decision = plan(input);
    for (let asked = 0; asked < 4; asked++) {
        if (decision.needsRunningCommit) {
            const commit = await deps.runningCommit(input.pr.number, input.targetSha);
            core/* info */.pq(commit === null
                ? `the service of ${(0,domain_show/* shortSha */.Fu)(input.targetSha)} records no full commit`
                : `the service of ${(0,domain_show/* shortSha */.Fu)(input.targetSha)} runs ${commit}`);
            input = { ...input, runningCommit: commit };
        }
        else if (decision.needsEnvironmentCount) {
            const environments = await deps.environments();
            if (environments === undefined) {
                // Not countable here (no AWS in this step, or a dry run): the cap is left to sync.
                core/* info */.pq('max-environments: the running environments are not counted in this step');
            }
            else {
                core/* info */.pq(`${environments.length} environments of this repository run in the cluster`);
            }
            input = { ...input, liveEnvironments: environments ?? [] };
        }
        else if (!github) {
            break;
        }
        else if (decision.needsPermission) {
            const { login } = input.actor;
            const permission = await deps.github.getPermission(login);
            core/* info */.pq(`${login} has the ${permission} role`);
            input = { ...input, actor: { login, permission } };
        }
        else if (decision.needsStopOrigin) {
            input = { ...input, stopOrigin: await stopOrigin(deps.github, input.pr.number) };
        }
        else
            break;
        decision = plan(input);
    }
    return { decision, input };
}
/** Who added the stop trigger on the PR, by its timeline, with that user's role. */
async function stopOrigin(github, pr) {
    const login = lastAddedBy(await github.labelEvents(pr), domain_labels/* TRIGGER_STOP */.A$);
    if (login === undefined) {
        core/* info */.pq(`the timeline does not say who added ${domain_labels/* TRIGGER_STOP */.A$}: it waits for its own run`);
        return null;
    }
    const permission = await github.getPermission(login);
    core/* info */.pq(`${domain_labels/* TRIGGER_STOP */.A$} was added by ${login}, who has the ${permission} role`);
    return { login, permission };
}
function withPermission(login, permission) {
    return permission === undefined ? { login } : { login, permission };
}
async function runCheck(inputs, deps) {
    const { pr, decision } = await decideForEvent(inputs, deps);
    logDecision(decision);
    // Nothing is built for a sync that could not finish within the token's budget.
    if (decision.syncNeeded)
        deps.budget.require(defaults/* SYNC_REQUEST_RESERVE */.Rn, 'The sync after this check');
    const outputs = decisionOutputs(decision, pr, {
        imageRepository: inputs.docker.imageRepository,
        addressing: (0,config_inputs/* addressingOf */.Wu)(inputs)
    });
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    await writeSummary(renderCheckSummary(pr, decision, { ...deps.summary, now: deps.now() }));
}

;// CONCATENATED MODULE: ./src/domain/cleanup-work.ts
// What carrying out one cleanup action takes, call by call: its AWS deletions (and the scaling of
// a sleeping service to zero), in phases (listener rules, then services, then the target groups
// the rules used, so that each is free to go), and
// the GitHub writes that follow once they are done. Pure: modes/cleanup.ts makes the calls, and
// the budget (cleanup-budget.ts) counts the same writes it makes.
const AWS_PHASES = ['listener rules', 'services', 'target groups'];
/** The phase an action's AWS work runs in; an action without any runs with the services. */
function awsPhase(action) {
    switch (action.kind) {
        case 'orphan-rule':
            return 'listener rules';
        case 'orphan-target-group':
            return 'target groups';
        case 'teardown':
        case 'close':
        case 'abandoned':
        case 'sleep':
        case 'orphan-service':
        case 'stray-labels':
        case 'delete-definition':
        case 'create-definition':
        case 'fix-definition':
            return 'services';
    }
}
/** The actions' indexes, one group per phase in AWS_PHASES order (a group runs at once). */
function awsWaves(actions) {
    return AWS_PHASES.map((phase) => actions.flatMap((action, index) => (awsPhase(action) === phase ? [index] : [])));
}
/** The services an action deletes. */
function servicesOf(action) {
    switch (action.kind) {
        case 'close':
            return action.services;
        case 'teardown':
        case 'abandoned':
            return action.service === undefined ? [] : [action.service];
        case 'orphan-service':
            return [action.service];
        case 'sleep':
        case 'orphan-rule':
        case 'orphan-target-group':
        case 'stray-labels':
        case 'delete-definition':
        case 'create-definition':
        case 'fix-definition':
            return [];
    }
}
/** Whether this repository's labels name a service the action deletes. */
function namedByLabels(action, service) {
    switch (action.kind) {
        case 'close':
            return !action.unlabelled?.includes(service);
        case 'orphan-service':
            return action.labelled === true;
        default:
            return true;
    }
}
function awsDeletions(action) {
    const services = servicesOf(action).map((name) => ({
        kind: 'service',
        name,
        namedByLabels: namedByLabels(action, name)
    }));
    switch (action.kind) {
        case 'orphan-rule':
            return [...services, { kind: 'listener-rule', arn: action.arn, host: action.host }];
        case 'orphan-target-group':
            return [...services, { kind: 'target-group', arn: action.arn, name: action.name }];
        case 'sleep':
            return action.service === undefined ? [] : [{ kind: 'scale-to-zero', name: action.service }];
        default:
            return services;
    }
}
/** An action's GitHub writes, in the order they are made. */
function githubWrites(action) {
    switch (action.kind) {
        case 'teardown':
            return [
                ...removals(action.pr, action.labels),
                ...(action.announce
                    ? [{ kind: 'announce-expiry', pr: action.pr, sha: action.sha }]
                    : [])
            ];
        case 'close':
        case 'stray-labels':
            return removals(action.pr, action.labels);
        case 'abandoned':
        case 'sleep':
            return [
                ...action.define.map((name) => ({ kind: 'create-definition', name })),
                { kind: 'attach-labels', pr: action.pr, names: action.add },
                ...removals(action.pr, action.labels)
            ];
        case 'delete-definition':
            return [{ kind: 'delete-definition', name: action.name }];
        case 'create-definition':
            return [{ kind: 'create-definition', name: action.name }];
        case 'fix-definition':
            return [{ kind: 'recolour-definition', name: action.name }];
        case 'orphan-service':
        case 'orphan-rule':
        case 'orphan-target-group':
            return [];
    }
}
/** Labels detached one by one first, then the definitions that take the others off. */
function removals(pr, labels) {
    return [
        ...labels.detach.map((name) => ({ kind: 'detach-label', pr, name })),
        ...labels.deleteDefinition.map((name) => ({ kind: 'delete-definition', name }))
    ];
}

;// CONCATENATED MODULE: ./src/domain/cleanup-budget.ts
// How much of the token's GitHub budget a scheduled cleanup may spend, what each action costs,
// and which actions fit. A cleanup spends at most half of what the token had left when the run
// started (the rest of the hour belongs to the repository's other runs), and never more than
// GitHub's content-creating requests an hour; what its own reads spent already counts. Actions are
// taken whole, in plan order: one that does not fit waits for the next run, never half done.

/** An expiry announcement writes the comment and ends the deployments (two writes), after finding
 * the sticky comment (one REST read) and the environment's deployments (two GraphQL queries). */
const ANNOUNCEMENT = { writes: 2, reads: { core: 1, graphql: 2 } };
const ONE_WRITE = { writes: 1, reads: { core: 0, graphql: 0 } };
const NOTHING = { writes: 0, reads: { core: 0, graphql: 0 } };
function cleanupBudget(rate, writesPerHour) {
    const points = rate.graphql.atStart;
    const graphql = points === undefined ? Number.POSITIVE_INFINITY : half(points, rate.graphql.spent);
    const ceiling = { kind: 'ceiling', writesPerHour };
    const leftAtStart = rate.core.atStart;
    if (leftAtStart === undefined) {
        return { requests: Number.POSITIVE_INFINITY, writes: writesPerHour, graphql, boundBy: ceiling };
    }
    const requests = half(leftAtStart, rate.core.spent);
    return {
        requests,
        writes: writesPerHour,
        graphql,
        boundBy: requests < writesPerHour ? { kind: 'token', leftAtStart } : ceiling
    };
}
/** Half of what was left at the start, less what was spent since. */
function half(atStart, spent) {
    return Math.max(0, Math.floor(atStart / 2) - spent);
}
function writeCost(write) {
    return write.kind === 'announce-expiry' ? ANNOUNCEMENT : ONE_WRITE;
}
/** What an action costs: the sum of its writes' costs. */
function actionCost(action) {
    return githubWrites(action).map(writeCost).reduce(plus, NOTHING);
}
function plus(a, b) {
    return {
        writes: a.writes + b.writes,
        reads: { core: a.reads.core + b.reads.core, graphql: a.reads.graphql + b.reads.graphql }
    };
}
/** The GitHub writes the actions make in all. */
function plannedWrites(actions) {
    return actions.reduce((sum, action) => sum + actionCost(action).writes, 0);
}
/**
 * Whole actions, in plan order, as long as their requests fit in the budget; an action that does
 * not fit is deferred to the next run, and a later, cheaper one may still fit.
 */
function withinBudget(actions, budget) {
    const undertaken = [];
    const deferred = [];
    let spent = { requests: 0, writes: 0, graphql: 0 };
    for (const action of actions) {
        const cost = actionCost(action);
        const next = {
            requests: spent.requests + cost.writes + cost.reads.core,
            writes: spent.writes + cost.writes,
            graphql: spent.graphql + cost.reads.graphql
        };
        if (next.requests > budget.requests ||
            next.writes > budget.writes ||
            next.graphql > budget.graphql) {
            deferred.push(action);
        }
        else {
            undertaken.push(action);
            spent = next;
        }
    }
    return { undertaken, deferred };
}

;// CONCATENATED MODULE: ./src/domain/cleanup-facts.ts
// What the scheduled cleanup judges, from what it could read: the PRs that carry Showtime labels,
// and the cluster's and the load balancer's resources only when the list of open PRs is complete
// (without it, a PR's service could be taken for an orphan). Pure: modes/cleanup.ts reads.



/** The closed PRs whose labels are read: those the label scan names that are not open (the scan
 * may lag behind a reopened PR, whose labels the open list has already). */
function closedToRead(closed, open) {
    const openNumbers = new Set(open?.map((pr) => pr.number));
    return closed.filter((number) => !openNumbers.has(number));
}
function cleanupFacts(reads) {
    const withLabels = (pr) => pr.labels?.some(domain_labels/* isShowtimeLabel */.HD) ? [{ number: pr.number, labels: readLabels(pr.labels) }] : [];
    const { open } = reads;
    return {
        now: reads.now,
        openPrs: open?.flatMap(withLabels) ?? [],
        closedPrs: reads.closed.flatMap(withLabels),
        ...(open && reads.services && { services: reads.services }),
        ...(open && reads.definitions && { definitions: reads.definitions }),
        ...(open && reads.routing && { routing: reads.routing })
    };
}
/** The listener's rules for the preview domain's hosts and the target groups named like
 * Showtime's: the resources whose tags are read, and then judged. */
function routingCandidates(rules, groups, previewDomain) {
    return {
        rules: rules.filter((r) => (0,resources/* parsePreviewHost */.Aw)(r.host, previewDomain) !== undefined),
        targetGroups: groups.filter((g) => (0,resources/* parseTargetGroupName */.JZ)(g.name) !== undefined)
    };
}
/** The candidates with their tags (what says whose they are; none read means untagged). */
function withTags(candidates, tags) {
    return {
        rules: candidates.rules.map((r) => ({ ...r, tags: tags.get(r.arn) ?? {} })),
        targetGroups: candidates.targetGroups.map((g) => ({ ...g, tags: tags.get(g.arn) ?? {} }))
    };
}

// EXTERNAL MODULE: ./src/domain/sleep.ts
var sleep = __webpack_require__(7415);
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
/** The labels a deploy of the SHA adds later whose text is known before it builds: their
 * definitions can be written while it builds. */
function labelsAhead(sha) {
    return [
        (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: 'deploying' }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: 'running' }),
        (0,domain_labels/* formatLabel */.wR)({ kind: 'pointer', sha })
    ];
}
/** The SHA serves: status running, its address (none behind a load balancer, whose address is
 * the PR's), and the only 🎯 pointer. */
function goLiveChange(labels, sha, address, extraPointers) {
    const add = [
        (0,domain_labels/* formatLabel */.wR)({ kind: 'status', sha, status: 'running' }),
        ...(address ? [(0,domain_labels/* formatLabel */.wR)({ kind: 'ip', sha, ...address })] : []),
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
 * set-state: give the SHA this status without touching anything else. A SHA
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
/** Every label of one commit: its environment's, and per-commit labels without a status. */
function commitLabels(labels, sha) {
    const show = labels.shows.find((s) => s.sha === sha);
    const stray = labels.strayLabels.filter((name) => {
        const parsed = (0,domain_labels/* parseLabel */.Q_)(name);
        return 'sha' in parsed && parsed.sha === sha;
    });
    return [...new Set([...(show?.labels ?? []), ...stray])];
}
/**
 * What a failed or interrupted run leaves on its commit. A commit that had an address before the
 * run was already serving (a forced rebuild): its old task still serves, so it stays running.
 * Otherwise it is failed, and whatever the run's go-live had written (its address, its pointer)
 * comes off again.
 */
function failureChange(labels, sha, servedBefore) {
    const status = servedBefore ? 'running' : 'failed';
    const change = statusChange(labels, sha, status);
    const leftovers = servedBefore ? [] : labelsOf(labels, sha, ['ip', 'pointer']);
    return { add: change.add, remove: [...new Set([...change.remove, ...leftovers])] };
}

;// CONCATENATED MODULE: ./src/domain/cleanup-plan.ts
// The cleanup planner: a pure function from what the repository and the cluster hold now (PR
// labels, ECS services, label definitions) and the clock to what the scheduled cleanup removes.
// The rules are documented in docs/how-it-works.md ("Cleanup").









/** Named like a Showtime service, or tagged as one (by any repository, or by the Python tool). */
function looksManaged(service) {
    return service.tags[resources/* TAG */.Dk.managed] === 'true' || (0,resources/* parseServiceName */.qE)(service.name) !== undefined;
}
/** Not ours, yet worth a line in the summary: it carries this repository's tag (without
 * Showtime's, or with Showtime's on a name Showtime does not give), or no repository tag on what
 * looks like Showtime's. Other repositories' resources are not listed. */
function looksOurs(tags, repository, looksShowtime) {
    const owner = tagOwner(tags, repository);
    return owner === 'unmanaged' || owner === 'ours' || (owner === 'untagged' && looksShowtime);
}
function planCleanup(facts, policy) {
    const actions = [];
    const rows = [];
    const services = new Map((facts.services ?? []).map((s) => [s.name, s]));
    const leftAlone = new Map();
    /** Lists (once) a resource that is not ours, with why. */
    const leave = (kind, name, reason, at) => {
        const label = resourceLabel(kind, name);
        if (!leftAlone.has(label))
            leftAlone.set(label, { ...at, action: `not ours: left alone (${reason})` });
    };
    const judgeService = (service, namedByLabels) => claim({ kind: 'service', name: service.name, id: service.name, tags: service.tags }, policy, {
        namedByLabels
    });
    const serviceRow = (service, status) => {
        const parsed = (0,resources/* parseServiceName */.qE)(service.name);
        return {
            pr: parsed?.pr ?? 0,
            sha: parsed?.sha ?? '',
            status,
            ttl: '',
            url: '',
            ...(service.createdAt !== undefined && { ageMs: facts.now - service.createdAt })
        };
    };
    /** The service a label names, when it is ours and active; when the cluster could not be listed,
     * the name (the run reads it before acting). One that is not ours is left alone. */
    const labelledService = (name) => {
        if (facts.services === undefined)
            return name;
        const listed = services.get(name);
        if (listed === undefined)
            return undefined;
        const verdict = judgeService(listed, true);
        if (verdict.ours)
            return name;
        leave('service', name, verdict.reason, serviceRow(listed, 'service'));
        return undefined;
    };
    const expected = new Set();
    const named = new Set();
    const failed = new Set();
    /** `{pr}:{sha}` of the environments this cleanup keeps (failed ones aside), and their PRs. */
    const kept = new Set();
    const servingPrs = new Set();
    let live = 0;
    const sleepers = new Set((0,sleep/* sleepCandidates */.IU)({
        now: facts.now,
        openPrs: facts.openPrs,
        ...(facts.services && { services: facts.services }),
        ...(facts.routing && { targetGroups: facts.routing.targetGroups })
    }, {
        sleepAfter: policy.sleepAfter ?? { kind: 'never' },
        addressing: policy.addressing,
        repository: policy.repository,
        ...(policy.listenerArn !== undefined && { listenerArn: policy.listenerArn })
    })
        .filter((c) => (0,sleep/* isIdle */.xB)(facts.requests, c.pr, c.sha))
        .map((c) => (0,sleep/* sleepKey */.P6)(c.pr, c.sha)));
    for (const pr of [...facts.openPrs].sort((a, b) => a.number - b.number)) {
        const ttl = effectiveTtl(pr.labels, policy);
        for (const show of pr.labels.shows) {
            const service = (0,resources/* serviceName */.fe)(pr.number, show.sha);
            named.add(service);
            const ours = labelledService(service);
            const listed = ours === undefined ? undefined : services.get(service);
            const created = (0,domain_show/* createdAtMs */.aF)(show) ?? listed?.createdAt;
            const age = created === undefined ? undefined : facts.now - created;
            const cls = (0,domain_show/* statusClass */.hI)(show.status);
            const row = {
                pr: pr.number,
                sha: show.sha,
                status: show.status,
                ttl: ttl.text,
                url: showUrl(pr.number, pr.labels, show, policy.addressing) ?? '',
                ...(age !== undefined && { ageMs: age })
            };
            const verdict = judge(show, cls, age, ttl, listed !== undefined, facts.services !== undefined, policy);
            // A failed environment serves nothing: a service left with it (its run could not delete it)
            // is released below, as an orphan, while its labels stay to say it failed.
            if (verdict.kind !== 'keep' || cls !== 'failed')
                expected.add(service);
            else if (listed)
                failed.add(service);
            const sleeps = verdict.kind === 'keep' && ours !== undefined && sleepers.has((0,sleep/* sleepKey */.P6)(pr.number, show.sha));
            const idle = `asleep: no request in ${policy.sleepAfter?.kind === 'idle' ? policy.sleepAfter.text : ''}`;
            rows.push({
                ...row,
                action: failed.has(service)
                    ? `${verdict.action}; its service is deleted`
                    : sleeps
                        ? idle
                        : verdict.action
            });
            if (sleeps) {
                const change = statusChange(pr.labels, show.sha, domain_labels/* SLEEPING */.S2);
                actions.push({
                    kind: 'sleep',
                    pr: pr.number,
                    sha: show.sha,
                    service,
                    add: change.add,
                    labels: change.remove,
                    why: idle
                });
            }
            if (verdict.kind === 'keep') {
                if ((cls === 'running' && !sleeps) || cls === 'in-progress')
                    live++;
                if (cls !== 'failed') {
                    kept.add(`${pr.number}:${show.sha}`);
                    servingPrs.add(pr.number);
                }
                continue;
            }
            const target = ours === undefined ? {} : { service: ours };
            if (verdict.kind === 'abandoned') {
                const change = statusChange(pr.labels, show.sha, 'failed');
                actions.push({
                    kind: 'abandoned',
                    pr: pr.number,
                    sha: show.sha,
                    ...target,
                    add: change.add,
                    labels: change.remove
                });
                continue;
            }
            actions.push({
                kind: 'teardown',
                pr: pr.number,
                sha: show.sha,
                ...target,
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
    for (const pr of [...facts.closedPrs].sort((a, b) => a.number - b.number)) {
        const byLabel = pr.labels.shows.map((s) => (0,resources/* serviceName */.fe)(pr.number, s.sha));
        for (const name of byLabel)
            named.add(name);
        const labelledOnes = byLabel.flatMap((name) => labelledService(name) ?? []);
        // Its services that no label names: ours by their tags only, never adopted.
        const unlabelled = [...services.values()]
            .filter((service) => (0,resources/* parseServiceName */.qE)(service.name)?.pr === pr.number &&
            !byLabel.includes(service.name) &&
            judgeService(service, false).ours)
            .map((service) => service.name)
            .sort();
        const toDelete = [...new Set([...labelledOnes, ...unlabelled])].sort();
        actions.push({
            kind: 'close',
            pr: pr.number,
            services: toDelete,
            ...(unlabelled.length > 0 && { unlabelled }),
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
        if (expected.has(service.name))
            continue;
        const labelled = named.has(service.name);
        const verdict = judgeService(service, labelled);
        if (!verdict.ours) {
            if (labelled || looksOurs(service.tags, policy.repository, looksManaged(service)))
                leave('service', service.name, verdict.reason, serviceRow(service, 'service'));
            continue;
        }
        // Ours, so named like Showtime's services.
        const parsed = (0,resources/* parseServiceName */.qE)(service.name);
        const why = parsed.sha === undefined
            ? `legacy service of PR #${parsed.pr}`
            : failed.has(service.name)
                ? `environment ${parsed.sha} of PR #${parsed.pr} failed: nothing serves from it`
                : `no environment ${parsed.sha} on an open PR #${parsed.pr}`;
        actions.push({
            kind: 'orphan-service',
            service: service.name,
            why,
            ...(labelled && { labelled: true })
        });
        rows.push({ ...serviceRow(service, 'orphaned service'), action: `deleted: ${why}` });
    }
    if (facts.routing) {
        const routes = routingCleanup(facts.routing, { kept, servingPrs }, policy, leave);
        actions.push(...routes.actions);
        rows.push(...routes.rows);
    }
    return {
        actions: [
            ...withRemovals(actions, facts.definitions),
            ...definitionActions(facts.definitions, actions)
        ],
        rows: [...rows, ...leftAlone.values()],
        liveEnvironments: live,
        maxEnvironments: policy.maxEnvironments,
        leftAlone: [...leftAlone.keys()]
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
    if ((cls === 'running' || cls === 'sleeping') && servicesKnown && !hasService) {
        return { kind: 'teardown', action: 'removed: its service no longer exists' };
    }
    if (age === undefined && cls !== 'running' && cls !== 'sleeping') {
        return {
            kind: 'teardown',
            action: `removed: no ${domain_labels/* EMOJI */.$J.created} label and no service to date it`
        };
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
        if (!('labels' in draft))
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
    const defined = new Set((definitions ?? []).map((d) => d.name));
    return drafts.map((draft) => {
        if (!('labels' in draft))
            return draft;
        const labels = {
            detach: draft.labels.filter((name) => !goesWithDefinition(name)),
            deleteDefinition: draft.labels.filter(goesWithDefinition)
        };
        if (draft.kind === 'abandoned' || draft.kind === 'sleep') {
            // Unknown definitions (the scan failed) are created too; one that exists answers 422.
            const define = draft.add.filter((name) => definitions === undefined || !defined.has(name));
            return { ...draft, define, labels };
        }
        return { ...draft, labels };
    });
}
/** Per-SHA definitions already attached to nothing are deleted; missing static ones created. */
function definitionActions(definitions, drafts) {
    if (definitions === undefined)
        return [];
    const removals = removalCounts(drafts);
    const added = new Set(drafts.flatMap((d) => (d.kind === 'abandoned' || d.kind === 'sleep' ? d.add : [])));
    const existing = new Set(definitions.map((d) => d.name));
    const result = [];
    for (const definition of [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if ((0,domain_labels/* isPerShaLabel */.SI)(definition.name) &&
            definition.attachments === 0 &&
            !removals.has(definition.name) &&
            !added.has(definition.name)) {
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
/**
 * Behind a load balancer: a rule of this repository goes when its PR keeps no environment; a
 * target group of this repository goes when no kept environment is its commit, unless a kept rule
 * still forwards to it (domain/ownership.ts says what is ours: both tags and a Showtime name). Rules
 * go first when the plan is carried out, so that their target groups are free to go.
 */
function routingCleanup(routing, environments, policy, leave) {
    const actions = [];
    const rows = [];
    const domain = policy.addressing.kind === 'load-balancer' ? policy.addressing.previewDomain : '';
    const inUse = new Set();
    const at = (pr, sha, status) => ({ pr, sha, status, ttl: '', url: '' });
    for (const rule of [...routing.rules].sort((a, b) => (a.arn < b.arn ? -1 : 1))) {
        const pr = (0,resources/* parsePreviewHost */.Aw)(rule.host, domain);
        if (pr === undefined)
            continue;
        const tags = rule.tags ?? {};
        const verdict = claim({ kind: 'listener-rule', name: rule.host, id: rule.arn, tags }, policy, {
            namedByLabels: true
        });
        if (!verdict.ours) {
            if (looksOurs(tags, policy.repository, true))
                leave('listener-rule', rule.host, verdict.reason, at(pr, '', 'listener rule'));
            continue;
        }
        if (environments.servingPrs.has(pr)) {
            for (const target of rule.forward)
                inUse.add(target.arn);
            continue;
        }
        const why = `PR #${pr} has no environment to serve`;
        actions.push({ kind: 'orphan-rule', arn: rule.arn, host: rule.host, why });
        rows.push({ ...at(pr, '', 'orphaned listener rule'), action: `deleted: ${why}` });
    }
    const ourKey = (0,resources/* repositoryKey */.Kq)(policy.repository);
    for (const group of [...routing.targetGroups].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const name = (0,resources/* targetGroupNameOfArn */.uM)(group.arn) || group.name;
        const named = (0,resources/* parseTargetGroupName */.JZ)(name);
        if (named === undefined || inUse.has(group.arn))
            continue;
        const verdict = claim({ kind: 'target-group', name, id: group.arn, tags: group.tags }, policy, {
            namedByLabels: true
        });
        if (!verdict.ours) {
            if (looksOurs(group.tags, policy.repository, named.repositoryKey === ourKey))
                leave('target-group', name, verdict.reason, at(named.pr, named.sha, 'target group'));
            continue;
        }
        if (environments.kept.has(`${named.pr}:${named.sha}`))
            continue;
        const why = `no environment ${named.sha} of PR #${named.pr} is kept`;
        actions.push({ kind: 'orphan-target-group', arn: group.arn, name: group.name, why });
        rows.push({ ...at(named.pr, named.sha, 'orphaned target group'), action: `deleted: ${why}` });
    }
    return { actions, rows };
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/domain/image-cleanup.ts
// What a teardown removes besides the service: the commit's image, when the registry is Amazon
// ECR (its tag only, named by the PR and the commit, never another), and the task-definition
// revision the environment ran, when it is of the template's own family (Showtime's families start
// with `showtime`, as the IAM policy fences them). The scheduled cleanup reads no template: there
// the revision is the one a service of this repository ran, of any of Showtime's families.

const ECR_REPOSITORY = /^(?<registryId>\d{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/(?<repositoryName>[a-z0-9][a-z0-9._/-]*)$/;
const TASK_DEFINITION_REVISION = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/([A-Za-z0-9_-]+):\d+$/;
/** The commit's image in ECR, when the image repository input is an ECR repository. */
function ecrImage(imageRepository, pr, sha) {
    const groups = ECR_REPOSITORY.exec(imageRepository.toLowerCase())?.groups;
    if (!groups)
        return undefined;
    // The expression's three groups are not optional: a match has them all.
    const { registryId, region, repositoryName } = groups;
    return { registryId, region, repositoryName, tag: (0,resources/* imageTag */.I_)(pr, sha) };
}
/** The revision to deregister: the environment's own, when its family is a family of Showtime's
 * and, for a sync, the template's; undefined for anything else. */
function ownRevision(taskDefinitionArn, scope) {
    const family = TASK_DEFINITION_REVISION.exec(taskDefinitionArn ?? '')?.[1];
    if (family === undefined || !family.startsWith('showtime'))
        return undefined;
    return scope.kind === 'showtime-families' || family === scope.family
        ? taskDefinitionArn
        : undefined;
}
/** The commit whose artifacts go with a service the cleanup deletes, by its name
 * (`pr-{n}-{sha}-service`, which names the image tag `pr-{n}-{sha}-ci` too); undefined for a name
 * without a commit (the Python tool's `pr-{n}-service`) or not Showtime's. */
function commitOfService(name) {
    const parsed = (0,resources/* parseServiceName */.qE)(name);
    return parsed?.sha === undefined ? undefined : { pr: parsed.pr, sha: parsed.sha };
}

;// CONCATENATED MODULE: ./src/presentation/cleanup-report.ts
// What the scheduled cleanup says: one line per action (its failures, the log), the totals of the
// job summary, and the log lines of what it read. Text only: the numbers come from the plan and
// from what the run undertook.


function describeCleanupAction(action) {
    switch (action.kind) {
        case 'teardown':
            return `PR #${action.pr} ${action.sha}: ${action.why}`;
        case 'close':
            return `PR #${action.pr} is closed: tear down ${action.services.length} services, remove its ${domain_labels/* TENT */.Yn} labels`;
        case 'abandoned':
            return `PR #${action.pr} ${action.sha}: abandoned build marked failed`;
        case 'sleep':
            return `PR #${action.pr} ${action.sha}: ${action.why}`;
        case 'stray-labels':
            return `PR #${action.pr}: remove ${action.labels.detach.length + action.labels.deleteDefinition.length} labels nothing reads`;
        case 'orphan-service':
            return `${action.service}: ${action.why}`;
        case 'orphan-rule':
            return `the listener rule for ${action.host}: ${action.why}`;
        case 'orphan-target-group':
            return `the target group ${action.name}: ${action.why}`;
        case 'delete-definition':
            return `delete the unattached definition "${action.name}"`;
        case 'create-definition':
            return `create the definition "${action.name}"`;
        case 'fix-definition':
            return `colour the definition "${action.name}"`;
    }
}
function budgetReason(budget) {
    switch (budget.boundBy.kind) {
        case 'token':
            return `half of the ${budget.boundBy.leftAtStart} GitHub requests the token had left when the run started`;
        case 'ceiling':
            return `GitHub's ${budget.boundBy.writesPerHour} content-creating requests an hour`;
    }
}
/** A dry run of GitHub or of AWS changes nothing the summary could report as done. */
function reportsDryRun(dryRun) {
    return dryRun.github || dryRun.aws;
}
/** The totals of the job summary and the log. A dry run carries nothing out: its totals say what
 * a real run would do. */
function cleanupTotals(outcome) {
    const { plan, undertaken, dryRun } = outcome;
    const count = (kind) => undertaken.filter((a) => a.kind === kind).length;
    const verb = (done, would) => (reportsDryRun(dryRun) ? would : done);
    const totals = [
        `${count('teardown')} environments ${verb('expired or removed', 'would expire or be removed')}`,
        `${count('close')} closed PRs ${verb('torn down', 'would be torn down')}`,
        `${count('abandoned')} abandoned builds ${verb('marked failed', 'would be marked failed')}`,
        ...(count('sleep') > 0
            ? [`${count('sleep')} idle environments ${verb('put to sleep', 'would be put to sleep')}`]
            : []),
        `${count('orphan-service')} orphaned services ${verb('deleted', 'would be deleted')}`,
        ...(outcome.loadBalancer
            ? [
                `${count('orphan-rule')} orphaned listener rules ${verb('deleted', 'would be deleted')}`,
                `${count('orphan-target-group')} orphaned target groups ${verb('deleted', 'would be deleted')}`
            ]
            : []),
        `${count('delete-definition')} unattached label definitions ${verb('deleted', 'would be deleted')}`,
        `${count('create-definition')} static label definitions ${verb('created', 'would be created')}`,
        `${count('fix-definition')} static label definitions ${verb('recoloured', 'would be recoloured')}`,
        dryRun.github
            ? `${plannedWrites(undertaken)} GitHub writes would be made`
            : `${outcome.writesMade} GitHub writes`
    ];
    if (plan.leftAlone.length > 0) {
        totals.push(`${plan.leftAlone.length} not ours: left alone (${plan.leftAlone.join(', ')})`);
    }
    for (const why of outcome.leftAloneWhenActing ?? [])
        totals.push(`not ours: ${why}`);
    totals.push(plan.maxEnvironments > 0
        ? `${plan.liveEnvironments} of at most ${plan.maxEnvironments} environments live`
        : `${plan.liveEnvironments} environments live`);
    if (outcome.deferred > 0) {
        totals.push(`${outcome.deferred} actions left for the next run (over this run's budget: ${budgetReason(outcome.budget)})`);
    }
    return totals;
}
/** What was read, for the log; `?` where a read failed. */
function cleanupReadsLine(counts) {
    const known = (n) => (n === undefined ? '?' : String(n));
    return (`${known(counts.open)} open PRs, ${counts.openWithLabels} with ${domain_labels/* TENT */.Yn} labels; ${counts.closedWithLabels} closed PRs with ${domain_labels/* TENT */.Yn} labels; ` +
        `${known(counts.definitions)} ${domain_labels/* TENT */.Yn} label definitions; ${known(counts.services)} ECS services`);
}
function routingReadLine(counts) {
    return (`${counts.rules} listener rules, ${counts.previewRules} for ${counts.previewDomain}; ` +
        `${counts.targetGroups} target groups, ${counts.namedTargetGroups} named like Showtime's`);
}
function cleanupFailedLine(failures) {
    return `cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`;
}

;// CONCATENATED MODULE: ./src/run/image-cleanup.ts
// At a commit's teardown (a sync's, or the scheduled cleanup's), after its service: its image in
// ECR (the commit's tag only) and the task-definition revision the environment ran
// (domain/image-cleanup.ts decides which). Neither
// may fail the teardown: a problem is a warning, and the registry's lifecycle policy is the
// backstop (docs/image-cleanup.md).



async function removeCommitArtifacts(systems, commit) {
    const revision = ownRevision(commit.taskDefinition, systems.revisions);
    if (revision !== undefined) {
        try {
            await (await systems.host()).deregisterTaskDefinition(revision);
        }
        catch (error) {
            core/* warning */.$e(`could not deregister ${revision}: ${(0,errors/* oneLine */.T)(error)}`);
        }
    }
    const image = systems.imageRepository === undefined
        ? undefined
        : ecrImage(systems.imageRepository, commit.pr, commit.sha);
    if (image === undefined || systems.registry === undefined)
        return;
    try {
        await (await systems.registry(image.region)).deleteImage(image);
    }
    catch (error) {
        core/* warning */.$e(`could not delete the image ${image.repositoryName}:${image.tag}: ${(0,errors/* oneLine */.T)(error)} (the repository's lifecycle policy removes it)`);
    }
}

;// CONCATENATED MODULE: ./src/run/cleanup-run.ts
// Carries out the actions of a cleanup plan that fit in its budget: AWS deletions first, phase by
// phase (domain/cleanup-work.ts), a few at a time; then each action's GitHub writes, one after the
// other (paced by the throttling plugin), once its AWS deletions are done, since labels come off
// only once the service they describe is gone. One failure never stops the others: each is
// recorded, with the action it belongs to. Before each phase, the tags of what it deletes are read
// again, in as few calls as AWS allows (run/ownership.ts): what is no longer ours is left alone.
// A service deleted takes its commit's image tag and task-definition revision with it, as a sync's
// teardown does (run/image-cleanup.ts): a problem there is a warning, not a failure.







/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4;
class CleanupRun {
    deps;
    ownership;
    failures;
    constructor(deps, ownership, 
    /** One line per failure, naming its action. */
    failures) {
        this.deps = deps;
        this.ownership = ownership;
        this.failures = failures;
    }
    async run(actions) {
        const limit = (0,p_limit/* default */.A)(AWS_CONCURRENCY);
        const released = new Array(actions.length).fill(false);
        for (const wave of awsWaves(actions)) {
            await this.readAhead(wave.flatMap((index) => awsDeletions(actions[index])));
            await Promise.all(wave.map((index) => limit(async () => (released[index] = await this.releaseAws(actions[index])))));
        }
        for (const [index, action] of actions.entries()) {
            if (!released[index])
                continue;
            try {
                for (const write of githubWrites(action))
                    await this.write(write);
            }
            catch (error) {
                this.fail(action, error);
            }
        }
    }
    /** False when something could not be deleted. */
    async releaseAws(action) {
        try {
            for (const deletion of awsDeletions(action))
                await this.delete(deletion);
            return true;
        }
        catch (error) {
            this.fail(action, error);
            return false;
        }
    }
    /** The tags of a phase's resources, read in a few calls; a failed read leaves each to be read
     * on its own when it is deleted. */
    async readAhead(deletions) {
        try {
            await this.ownership.readAhead({
                services: deletions.flatMap((d) => d.kind === 'service' || d.kind === 'scale-to-zero' ? [d.name] : []),
                arns: deletions.flatMap((d) => d.kind === 'service' || d.kind === 'scale-to-zero' ? [] : [d.arn])
            });
        }
        catch (error) {
            core/* info */.pq(`the resources could not be read in one go (${(0,errors/* oneLine */.T)(error)}): one by one`);
        }
    }
    /** Deletes (or puts to sleep) what is ours; anything else is left alone (and listed). */
    async delete(deletion) {
        switch (deletion.kind) {
            case 'service': {
                const { name } = deletion;
                const service = await this.ownership.service(name, deletion);
                if (service === undefined)
                    return;
                await (await this.deps.host()).deleteService(service);
                await this.removeArtifacts(name);
                return;
            }
            case 'scale-to-zero': {
                // Its labels say sleeping only once it does: a service gone or not ours fails the action.
                const found = await this.ownership.serviceWithDefinition(deletion.name);
                if (found?.taskDefinition === undefined)
                    throw new Error(`${deletion.name} is not an active service of this repository`);
                await (await this.deps.host()).scaleService(found.owned, found.taskDefinition, 0);
                return;
            }
            case 'listener-rule': {
                const { arn: id, host: name } = deletion;
                const rule = await this.ownership.balanced({ kind: 'listener-rule', name, id });
                if (rule !== undefined)
                    await (await this.balancer()).deleteRule(rule);
                return;
            }
            case 'target-group': {
                const { arn: id, name } = deletion;
                const group = await this.ownership.balanced({ kind: 'target-group', name, id });
                if (group !== undefined)
                    await (await this.balancer()).deleteTargetGroup(group);
                return;
            }
        }
    }
    /** The image tag and task-definition revision of the commit whose service was just deleted. */
    async removeArtifacts(service) {
        const commit = commitOfService(service);
        if (commit === undefined)
            return;
        const { host, registry, imageRepository } = this.deps;
        const taskDefinition = this.ownership.taskDefinitionOf(service);
        await removeCommitArtifacts({
            host,
            ...(registry && { registry }),
            ...(imageRepository && { imageRepository }),
            revisions: { kind: 'showtime-families' }
        }, { ...commit, ...(taskDefinition && { taskDefinition }) });
    }
    async write(write) {
        const { labels, definitions } = this.deps;
        switch (write.kind) {
            case 'detach-label':
                await labels.remove(write.pr, write.name);
                return;
            case 'attach-labels':
                await labels.add(write.pr, write.names);
                return;
            case 'delete-definition':
                await definitions.remove(write.name);
                return;
            case 'create-definition':
                return definitions.create(write.name);
            case 'recolour-definition':
                return definitions.update(write.name);
            case 'announce-expiry': {
                const notifier = this.deps.notifier(write.pr);
                await notifier.comment({ kind: 'torn-down', why: 'expired' }, write.sha);
                await notifier.deploymentsGone();
                return;
            }
        }
    }
    /** Listener rules and target groups are planned only from what the load balancer answered. */
    balancer() {
        if (!this.deps.balancer)
            throw new Error('no load balancer is configured');
        return this.deps.balancer();
    }
    fail(action, error) {
        const message = `${describeCleanupAction(action)}: ${(0,errors/* oneLine */.T)(error)}`;
        this.failures.push(message);
        core/* error */.z3(message);
    }
}

;// CONCATENATED MODULE: ./src/run/ownership.ts
// Whose a resource is, read right before a path changes or deletes it: one read of its tags
// (DescribeServices, or ELB's DescribeTags), then the ownership rule (domain/ownership.ts). What is
// ours comes back Owned, for the one call that acts on it; what is not is logged once, listed for
// the job summary ("not ours: left alone"), and never changed. A deploy that needs a resource
// someone else owns stops with NotOurs.



/** A deploy refused because a resource it needs is not this repository's. */
class NotOurs extends Error {
}
const ownership_namedByLabels = { namedByLabels: true };
class OwnershipCheck {
    systems;
    claimant;
    refused = [];
    /** Reads made ahead for a batch (a cleanup's wave), each used once. */
    services = new Map();
    tags = new Map();
    /** The task definition each service ran when it was last read, for its teardown. */
    ran = new Map();
    constructor(systems, claimant) {
        this.systems = systems;
        this.claimant = claimant;
    }
    /** The task definition the service ran when service() last read it. */
    taskDefinitionOf(name) {
        return this.ran.get(name);
    }
    /** Every resource left alone, one line each: what it is, and why it is not ours. */
    get leftAlone() {
        return this.refused;
    }
    /** The service, when it is active and ours. Undefined when there is nothing to act on (it is
     * draining or gone) or it is not ours (then logged and listed). `namedByLabels`: false for a
     * service no label of this repository names (a cleanup's orphan), which is never adopted. */
    async service(name, options = ownership_namedByLabels) {
        return (await this.serviceWithDefinition(name, options))?.owned;
    }
    /** The service, when it is active and ours, with the task definition it runs. */
    async serviceWithDefinition(name, options = ownership_namedByLabels) {
        const info = this.services.get(name) ?? (await (await this.systems.host()).describeService(name));
        this.services.delete(name);
        if (info.taskDefinition !== undefined)
            this.ran.set(name, info.taskDefinition);
        if (info.status !== 'ACTIVE') {
            core/* info */.pq(`${name} is ${info.status.toLowerCase()}: nothing to change`);
            return undefined;
        }
        const owned = this.judged(claim({ kind: 'service', name, id: name, tags: info.tags }, this.claimant, options));
        if (owned === undefined)
            return undefined;
        return { owned, ...(info.taskDefinition && { taskDefinition: info.taskDefinition }) };
    }
    /** The listener rule or target group, when it exists and is ours. */
    async balanced(resource) {
        const verdict = await this.read(resource);
        return verdict && this.judged(verdict);
    }
    /** The rule's answer on a listener rule or target group read now; undefined when it is gone. */
    async read(resource) {
        const tags = this.tags.has(resource.id)
            ? this.tags.get(resource.id)
            : await (await this.balancer()).resourceTags(resource.id);
        this.tags.delete(resource.id);
        if (tags === undefined) {
            core/* info */.pq(`${resource.name} is gone: nothing to change`);
            return undefined;
        }
        return claim({ ...resource, tags }, this.claimant, ownership_namedByLabels);
    }
    /** A resource the deploy needs: ours, or the deploy stops (NotOurs) and it is listed. */
    required(verdict) {
        if (verdict.ours)
            return verdict.owned;
        throw this.refusal(verdict.why);
    }
    /** Lists a refusal and returns the error that stops the deploy. */
    refusal(why) {
        this.leave(why);
        return new NotOurs(why);
    }
    /** Logs (once) and lists a resource that is not ours. */
    leave(why) {
        if (this.refused.includes(why))
            return;
        this.refused.push(why);
        core/* warning */.$e(why);
    }
    /** Reads ahead, in as few calls as AWS allows, what a batch of deletions will ask for: ECS
     * describes 10 services a call, ELB the tags of 20 resources. */
    async readAhead(batch) {
        if (batch.services.length > 0) {
            const described = await (await this.systems.host()).describeServices(batch.services);
            for (const [name, info] of described)
                this.services.set(name, info);
        }
        if (batch.arns.length > 0) {
            try {
                const read = await (await this.balancer()).tagsOf(batch.arns);
                for (const [arn, tags] of read)
                    this.tags.set(arn, tags);
            }
            catch (error) {
                // One resource gone fails the whole call: each is then read on its own, when acted on.
                core/* info */.pq(`the tags could not be read in one call (${(0,errors/* oneLine */.T)(error)}): one by one instead`);
            }
        }
    }
    judged(verdict) {
        if (verdict.ours)
            return verdict.owned;
        this.leave(verdict.why);
        return undefined;
    }
    balancer() {
        if (!this.systems.balancer)
            throw new Error('no load balancer is configured');
        return this.systems.balancer();
    }
}

;// CONCATENATED MODULE: ./src/modes/cleanup.ts
// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide and the budget choose what fits this run, carries that out (run/cleanup-run.ts), and
// reports. One failure never stops the others; the run fails at the end if anything failed, and
// the job summary says what.













async function runCleanup(inputs, deps) {
    const failures = [];
    const sleep = {
        sleepAfter: inputs.sleepAfter,
        addressing: (0,config_inputs/* addressingOf */.Wu)(inputs),
        repository: deps.repository,
        ...(inputs.loadBalancer && { listenerArn: inputs.loadBalancer.listenerArn })
    };
    const read = await core/* group */.Os('read the repository and the cluster', () => readFacts(deps, failures, inputs.loadBalancer?.previewDomain));
    const facts = await withRequestCounts(read, sleep, deps, failures);
    const plan = planCleanup(facts, {
        sleepAfter: sleep.sleepAfter,
        ...(sleep.listenerArn !== undefined && { listenerArn: sleep.listenerArn }),
        olderThan: inputs.olderThan,
        respectTtl: inputs.respectTtl,
        staleAfterMs: defaults/* STALE_IN_PROGRESS_MS */.$I,
        maxEnvironments: inputs.maxEnvironments,
        addressing: (0,config_inputs/* addressingOf */.Wu)(inputs),
        repository: deps.repository,
        adoptUntagged: inputs.aws.adoptUntaggedServices
    });
    core/* info */.pq(`${plan.actions.length} actions planned`);
    const budget = cleanupBudget({
        core: { atStart: deps.budget.atStart('core'), spent: deps.budget.spent('core') },
        graphql: { atStart: deps.budget.atStart('graphql'), spent: deps.budget.spent('graphql') }
    }, defaults/* CLEANUP_WRITE_BUDGET */.jf);
    const { undertaken, deferred } = withinBudget(plan.actions, budget);
    const ownership = new OwnershipCheck({ host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) }, { repository: deps.repository, adoptUntagged: inputs.aws.adoptUntaggedServices });
    await core/* group */.Os('carry out the plan', () => new CleanupRun(deps, ownership, failures).run(undertaken));
    const totals = cleanupTotals({
        plan,
        undertaken,
        deferred: deferred.length,
        budget,
        dryRun: inputs.dryRun,
        loadBalancer: inputs.loadBalancer !== undefined,
        writesMade: deps.budget.writes,
        leftAloneWhenActing: ownership.leftAlone
    });
    for (const line of totals)
        core/* info */.pq(line);
    const dryRun = reportsDryRun(inputs.dryRun);
    await writeSummary(renderCleanupSummary({ plan, dryRun, totals, failures }, { ...deps.summary, now: deps.now() }));
    if (failures.length > 0)
        core/* setFailed */.C1(cleanupFailedLine(failures));
}
/** The request counts of the environments that may sleep, over the idle window: one
 * GetMetricData call for all of them. A failed read puts nothing to sleep. */
async function withRequestCounts(facts, policy, deps, failures) {
    const { sleepAfter } = policy;
    if (sleepAfter.kind === 'never' || !deps.metrics)
        return facts;
    const candidates = (0,sleep/* sleepCandidates */.IU)({
        now: facts.now,
        openPrs: facts.openPrs,
        ...(facts.services && { services: facts.services }),
        ...(facts.routing && { targetGroups: facts.routing.targetGroups })
    }, policy);
    if (candidates.length === 0)
        return facts;
    try {
        const requests = await (await deps.metrics()).requestCounts(candidates.map((c) => ({ key: (0,sleep/* sleepKey */.P6)(c.pr, c.sha), dimensions: c.dimensions })), { from: facts.now - sleepAfter.ms, to: facts.now, periodSeconds: sleep/* REQUEST_METRIC_PERIOD_S */.h1 });
        core/* info */.pq(`requests in the last ${sleepAfter.text}: ${[...requests].map(([key, n]) => `${key} ${n}`).join(', ')}`);
        return { ...facts, requests };
    }
    catch (error) {
        failures.push(`reading the request counts: ${(0,errors/* oneLine */.T)(error)}`);
        core/* error */.z3(`could not read the request counts: ${(0,errors/* oneLine */.T)(error)}`);
        return facts;
    }
}
async function readFacts(deps, failures, previewDomain) {
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
    // Reads change nothing: a dry run reads the cluster too, so that its plan is complete.
    const { balancer } = deps;
    const [open, scan, services, routing] = await Promise.all([
        attempt('the open pull requests', () => deps.scanner.openPullRequests()),
        attempt(`the ${domain_labels/* TENT */.Yn} label definitions`, () => deps.scanner.labelScan()),
        attempt('the ECS services', async () => (await deps.host()).listServices()),
        balancer && previewDomain !== undefined
            ? attempt('the load balancer', async () => readRouting(await balancer(), previewDomain))
            : undefined
    ]);
    const closed = [];
    for (const number of closedToRead(scan?.closedPullRequests ?? [], open)) {
        const labels = await attempt(`the labels of PR #${number}`, () => deps.scanner.labelsOf(number));
        closed.push({ number, ...(labels && { labels }) });
    }
    const facts = cleanupFacts({
        now: deps.now(),
        closed,
        ...(open && { open }),
        ...(scan && { definitions: scan.definitions }),
        ...(services && { services }),
        ...(routing && { routing })
    });
    core/* info */.pq(cleanupReadsLine({
        ...(open && { open: open.length }),
        openWithLabels: facts.openPrs.length,
        closedWithLabels: facts.closedPrs.length,
        ...(scan && { definitions: scan.definitions.length }),
        ...(services && { services: services.length })
    }));
    return facts;
}
/** The listener's rules and the target groups that may be the repository's, with their tags. */
async function readRouting(balancer, previewDomain) {
    const [rules, groups] = await Promise.all([balancer.listRules(), balancer.listTargetGroups()]);
    const candidates = routingCandidates(rules, groups, previewDomain);
    const tags = await balancer.tagsOf([...candidates.rules, ...candidates.targetGroups].map((r) => r.arn));
    core/* info */.pq(routingReadLine({
        rules: rules.length,
        previewRules: candidates.rules.length,
        previewDomain,
        targetGroups: groups.length,
        namedTargetGroups: candidates.targetGroups.length
    }));
    return withTags(candidates, tags);
}

;// CONCATENATED MODULE: ./src/run/label-session.ts
// The labels of one PR during a run: every write goes through here, and the view is refreshed
// from each answer (GitHub returns the PR's labels after every add and remove).

class LabelSession {
    writer;
    pr;
    nodeId;
    view;
    /** Attached by `attach`, whose definitions `define` has not written yet. */
    undefinedNames = new Set();
    constructor(writer, pr, labels, 
    /** The PR's GraphQL id, when known: several labels then come off in one request. */
    nodeId) {
        this.writer = writer;
        this.pr = pr;
        this.nodeId = nodeId;
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
        this.view = await this.writer.add(this.pr, missing);
    }
    /** Attaches without writing definitions first (one request): `define` writes them later. */
    async attach(names) {
        const missing = names.filter((name) => !this.has(name));
        if (missing.length === 0)
            return;
        for (const name of missing)
            this.undefinedNames.add(name);
        this.view = await this.writer.add(this.pr, missing, { defineFirst: false });
    }
    /** Writes the definitions of every label attached before its own, and of `ahead` (labels a
     * later step adds): off the run's critical path. */
    async define(ahead = []) {
        const names = [...this.undefinedNames, ...ahead];
        this.undefinedNames.clear();
        await this.writer.define(names);
    }
    /** Removes labels that are on the PR; one that is already gone counts as removed. */
    async remove(names) {
        let present = names.filter((n) => this.has(n));
        while (present.length > 0) {
            if (present.length > 1 && this.nodeId !== undefined) {
                const after = await this.writer.removeMany(this.nodeId, present);
                if (after !== undefined) {
                    this.view = after;
                    return;
                }
            }
            const [name, ...rest] = present;
            const after = await this.writer.remove(this.pr, name);
            this.view = after ?? this.view.filter((n) => n !== name);
            present = rest.filter((n) => this.has(n));
        }
    }
    /** The claim gate: `taken` only for the run whose removal GitHub accepted (a second one gets
     * 404); `ambiguous` when a server error left it unknown whether this run's removal landed. */
    async take(name) {
        const answer = await this.writer.claim(this.pr, name);
        if (answer.outcome === 'taken')
            this.view = answer.labels;
        else
            this.view = this.view.filter((n) => n !== name);
        return answer.outcome;
    }
}

;// CONCATENATED MODULE: ./src/presentation/set-state-report.ts
// What set-state says besides its job summary: a commit set to failed is an error annotation on
// the run, with the cause the workflow gave (the error-message input) or a note that it gave none.
function setStateReport(sha, status, errorMessage) {
    if (status !== 'failed')
        return {};
    return {
        error: `${sha} failed: ${errorMessage || 'no cause given (error-message input)'}`,
        ...(errorMessage && { cause: errorMessage })
    };
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
    const targetSha = resolveTargetSha(target.requestedSha, data.headSha);
    const sha = (0,domain_show/* shortSha */.Fu)(targetSha);
    const session = new LabelSession(deps.labels(data.labels), data.number, data.labels);
    const change = setStateChange(readLabels(data.labels), sha, status, {
        now: deps.now(),
        actor: target.event.sender
    });
    await core/* group */.Os(`set ${sha} to ${status}`, async () => {
        await session.add(change.add);
        await session.remove(change.remove);
    });
    const report = setStateReport(sha, status, inputs.errorMessage);
    if (report.error !== undefined)
        core/* error */.z3(report.error, { title: 'Showtime' });
    const pr = { ...snapshotOf(data), labels: session.state() };
    const outputs = decisionOutputs({
        action: 'no_action',
        reason: `set_state_${status}`,
        buildNeeded: false,
        syncNeeded: false,
        targetSha
    }, pr, { imageRepository: inputs.docker.imageRepository, addressing: (0,config_inputs/* addressingOf */.Wu)(inputs) });
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    await writeSummary(renderSetStateSummary(pr, sha, status, report.cause, { ...deps.summary, now: deps.now() }));
}

;// CONCATENATED MODULE: ./src/presentation/sync-report.ts
// How a sync run reports its end, besides its job summary: its step outputs, the systems a dry run
// only simulated, and the line the run ends with (a failure, or a notice for a run that did not
// do what was asked).

/** A run that lost its claim or was superseded synced and built nothing, whatever was decided. */
function syncOutputs(decision, after, outcome, context) {
    const outputs = decisionOutputs(decision, after, context);
    if (outcome.kind === 'claim-lost' || outcome.kind === 'superseded')
        return { ...outputs, sync_needed: 'false', build_needed: 'false' };
    return outputs;
}
function simulatedSystems(dryRun) {
    return [dryRun.github && 'GitHub', dryRun.aws && 'AWS', dryRun.docker && 'Docker'].filter((what) => typeof what === 'string');
}
/** How the run ends: failed, or with a notice when it did not do what was asked (another run
 * claimed the PR, it was superseded, or the trigger was refused: a decision, not a failure). */
function syncEnding(outcome, decision, sentence) {
    switch (outcome.kind) {
        case 'failed':
            return { kind: 'failed', line: `${outcome.phase} failed: ${outcome.cause}` };
        case 'claim-lost':
        case 'superseded':
            return { kind: 'notice', line: sentence };
        case 'done':
            return decision.action === 'blocked' ? { kind: 'notice', line: sentence } : undefined;
    }
}

// EXTERNAL MODULE: ./src/domain/capacity.ts
var capacity = __webpack_require__(8534);
;// CONCATENATED MODULE: ./src/domain/environment-facts.ts
// What the PR's labels say about one environment, for people and for its AWS tags: who asked for
// it, when it was created, and until when it lives under the PR's TTL (or the ttl input); and
// which environment a notice on the PR leaves described.




/** When an environment created at `createdMs` expires: never under a `close` TTL. */
function expiryOf(labels, defaultTtl, createdMs) {
    const lifetime = (0,domain_ttl/* ttlMilliseconds */.Nu)(labels.ttl ?? defaultTtl);
    return Number.isFinite(lifetime) ? createdMs + lifetime : undefined;
}
function environmentFacts(labels, sha, defaultTtl) {
    const show = labels.shows.find((s) => s.sha === sha);
    const created = show && (0,domain_show/* createdAtMs */.aF)(show);
    const expiresAt = created === undefined ? undefined : expiryOf(labels, defaultTtl, created);
    return {
        ...(show?.requester && { requester: show.requester }),
        ...(created !== undefined && { createdAt: created }),
        ttl: (labels.ttl ?? defaultTtl).text,
        ...(expiresAt !== undefined && { expiresAt })
    };
}
/** The facts an environment deployed now is tagged with in AWS. */
function deployTagFacts(labels, deploy, defaultTtl) {
    return {
        repository: deploy.repository,
        pr: deploy.pr,
        sha: deploy.sha,
        requester: labels.shows.find((s) => s.sha === (0,domain_show/* shortSha */.Fu)(deploy.sha))?.requester ?? 'unknown',
        createdMs: deploy.now,
        expiresMs: expiryOf(labels, defaultTtl, deploy.now)
    };
}
function noticeSubject(pr, labels, addressing) {
    const serving = activeShow(labels);
    if (serving) {
        const url = showUrl(pr, labels, serving, addressing);
        return { status: 'running', sha: serving.sha, ...(url && { url }) };
    }
    const building = labels.shows.find((s) => (0,domain_show/* statusClass */.hI)(s.status) === 'in-progress');
    return building && { status: 'building', sha: building.sha };
}

;// CONCATENATED MODULE: ./src/domain/feature-flags.ts
// Feature flags from the PR description, for apps that read them (Apache Superset does):
// `FEATURE_<WORD>=<value>` anywhere in the body, after a word boundary. Only `<prefix><WORD>` set
// to True or False ever reaches the container (the prefix is the feature-flag-prefix input, such
// as SUPERSET_FEATURE_); values that are not a clear yes or no are skipped and reported.
const FLAG = /\bFEATURE_(\w+)=(\w+)/g;
const YES = new Set(['true', '1', 'yes']);
const NO = new Set(['false', '0', 'no']);
function parseFeatureFlags(body, prefix) {
    const byName = new Map();
    const skipped = [];
    for (const match of body.matchAll(FLAG)) {
        const [text, word = '', raw = ''] = match;
        const value = raw.toLowerCase();
        const name = `${prefix}${word}`;
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

;// CONCATENATED MODULE: ./src/domain/environment-spec.ts
// What one environment is deployed as: the task definition rendered from the template (the PR's
// image and port, its SHOWTIME_* variables, the address behind the shared load balancer, the
// feature flags of the PR's description when a prefix is set) and its AWS tags.



function environmentSpec(facts) {
    const prefix = facts.flagPrefix || undefined;
    const { flags, skipped } = prefix
        ? parseFeatureFlags(facts.body, prefix)
        : { flags: [], skipped: [] };
    const tags = (0,resources/* environmentTags */.TA)(facts.tags);
    const taskDefinition = (0,task_definition/* renderTaskDefinition */.P9)(facts.template, {
        image: facts.image,
        containerPort: facts.containerPort,
        variables: {
            [task_definition/* ENVIRONMENT_VARIABLES */.es.pr]: String(facts.pr),
            [task_definition/* ENVIRONMENT_VARIABLES */.es.sha]: facts.sha,
            [task_definition/* ENVIRONMENT_VARIABLES */.es.repository]: facts.repository,
            ...(facts.url !== undefined && { [task_definition/* ENVIRONMENT_VARIABLES */.es.url]: facts.url })
        },
        flags,
        ...(prefix && { flagPrefix: prefix }),
        tags
    });
    return {
        taskDefinition,
        tags,
        flags,
        skippedFlags: skipped,
        // Stryker disable next-line OptionalChaining: a rendered definition always has a first container
        containerName: String(taskDefinition.containerDefinitions?.[0]?.name)
    };
}

;// CONCATENATED MODULE: ./src/domain/failed-run.ts
// What a sync run that claimed a commit and did not go live leaves behind, whether it failed
// (sync sees its error) or was cancelled or killed (the post step finds its in-flight record):
// the same rule for both. What it created is released, the commit is marked failed (a forced
// rebuild's commit, whose old task still serves, goes back to running), and the PR is told: the
// comment says why, and the run's deployment ends as failed. A run that went live keeps it. A run
// refused because a resource of its commit's name is another owner's leaves no label of that
// commit: a label naming it would make a later stop or close act on the other owner's resource.



function failedRunOutcome(labels, run) {
    if (run.live) {
        return {
            kind: 'went-live',
            labels: { add: [], remove: statusChange(labels, run.sha, 'running').remove }
        };
    }
    if (run.refused)
        return { kind: 'failed', labels: { add: [], remove: commitLabels(labels, run.sha) } };
    return { kind: 'failed', labels: failureChange(labels, run.sha, run.servedBefore) };
}
/** The post step's reading of an interrupted run: its commit is labelled running, so its go-live
 * was written (a run stopped inside go-live has both statuses, and running wins). */
function wentLive(labels, sha) {
    const show = labels.shows.find((s) => s.sha === sha);
    return show !== undefined && (0,domain_show/* statusClass */.hI)(show.status) === 'running';
}
/** Only a run that creates an environment holds anything to release: it records its claim for
 * the post step. */
function recordsInFlight(action) {
    return action === 'create_environment';
}
/** The commit served before the run (a forced rebuild of it): recorded when the run claims it. */
function servedBefore(labels, sha, addressing) {
    return labels.shows.some((s) => s.sha === sha && hasServed(s, addressing));
}
/** The commit's service exists once a failed run is left: it went live, or the run rolled an
 * existing service back, or it never touched the service of a commit that served before. A
 * service the run created is deleted with its events. */
function serviceRemains(outcome, record) {
    if (outcome.kind === 'went-live')
        return true;
    if (record.createdService)
        return false;
    return record.previousTaskDefinition !== undefined || record.servedBefore;
}

;// CONCATENATED MODULE: ./src/domain/finished-run.ts
// What a sync run that finished tells the PR beyond its own steps: a roll-over ends the
// deployments of the commits it replaced, and a stop or a close says in the comment that every
// environment is gone (and why) and ends every deployment. An expiry is the cleanup's to tell.
function finishedRunNotices(run) {
    const notices = [];
    if (run.live && run.steps.some((s) => s.kind === 'teardown'))
        notices.push({ kind: 'replaced-deployments-gone' });
    if (run.action === 'destroy_environment' && run.hadEnvironments)
        notices.push({ kind: 'torn-down', why: run.prState === 'closed' ? 'closed' : 'stopped' });
    return notices;
}

;// CONCATENATED MODULE: ./src/domain/checkpoint.ts
// Stop and close win, at every point of a deploy. Right before a run creates (or rolls forward)
// its service and right before it goes live, it reads the PR once more, and this decides whether
// it may go on: a closed PR, a stop trigger added by someone allowed to stop environments, or a
// fork whose head moved on since the run decided, all mean no go-live, and the half-made
// environment is given back.

function checkpoint(fresh, run, stopOrigin) {
    if (fresh.state === 'closed')
        return { kind: 'tear-down', why: 'closed' };
    // As the planner has it: on a blocked PR Showtime does nothing, a stop included.
    if (fresh.labels.stopTrigger && !fresh.labels.blocked) {
        if (stopOrigin === undefined)
            return { kind: 'needs-stop-origin' };
        if (stopOrigin !== null && run.allowedPermissions.includes(stopOrigin.permission))
            return { kind: 'tear-down', why: 'stopped' };
    }
    if (fresh.isFork && !sameCommit(fresh.headSha, run.decidedHead))
        return { kind: 'abandon', head: fresh.headSha };
    return { kind: 'go-on' };
}

;// CONCATENATED MODULE: ./src/domain/superseded-commit.ts
// A commit whose PR moved on while it built is not deployed: the run of the newer head deploys
// that one (Issue #21). Decided once the image is built, at the read of the PR right before the
// service is created or rolled forward, after the checkpoint (closed, stopped, a fork that moved
// on) has let the run go on. A fork's moved head stays the checkpoint's (it waits for a
// maintainer's approval); a commit the workflow named is deployed as it was asked.

function afterBuild(fresh, run) {
    if (fresh.state !== 'open' || fresh.isFork || run.named)
        return { kind: 'deploy' };
    return sameCommit(fresh.headSha, run.commit)
        ? { kind: 'deploy' }
        : { kind: 'skip', head: fresh.headSha };
}

;// CONCATENATED MODULE: ./src/domain/sync-steps.ts
// How sync carries out the planner's steps, beyond the steps themselves: the phase each one
// starts (for the time per phase of the job summary), and where the PR's route through the shared
// load balancer comes off.
/** The phase each step starts; label and notice steps continue the phase under way. */
const PHASE_OF = {
    claim: 'claim',
    labels: undefined,
    notify: undefined,
    build: 'build',
    status: 'deploy',
    deploy: 'deploy',
    'go-live': 'health',
    wake: 'deploy',
    teardown: 'teardown'
};
function stepPhase(step) {
    return PHASE_OF[step.kind];
}
/**
 * The step before which the PR's route is removed: stop and close take the PR's address away
 * before their first teardown, so that the target groups its rule forwards to are free to go. A
 * roll-over's teardowns leave it: it serves the new commit.
 */
function routeRemovalStep(decision) {
    if (decision.action !== 'destroy_environment')
        return undefined;
    const first = decision.steps.findIndex((step) => step.kind === 'teardown');
    return first === -1 ? undefined : first;
}

;// CONCATENATED MODULE: ./src/domain/deploy-choice.ts
// What a deploy does with the ECS service of its name, as ECS describes it: refuse a service that
// is not this repository's (domain/ownership.ts), wait for one still draining from an earlier
// deletion, roll an existing one forward to the new task definition (its running task serves until
// the new one is stable), or create it. Behind the shared load balancer, also whether the listener
// can serve previews.

function deployChoice(service, target) {
    const claimed = claim({ kind: 'service', name: target.service, id: target.service, tags: service.tags }, target, 
    // The run's own commit, which its labels name.
    { namedByLabels: true });
    const namedForAnother = !claimed.ours && taggedForAnother(service.tags, target.repository)
        ? { kind: 'refuse', why: claimed.why }
        : undefined;
    switch (service.status) {
        case 'ACTIVE': {
            if (!claimed.ours)
                return { kind: 'refuse', why: claimed.why };
            const update = { kind: 'update', service: claimed.owned };
            return service.taskDefinition === undefined
                ? update
                : { ...update, previousTaskDefinition: service.taskDefinition };
        }
        case 'DRAINING':
            return namedForAnother ?? { kind: 'wait-for-drain' };
        case 'INACTIVE':
            return namedForAnother ?? { kind: 'create' };
        case 'MISSING':
            return { kind: 'create' };
    }
}
/** The commit's target group is the run's to delete if it fails only when the run creates the
 * service: a forced rebuild's target group serves the running commit. */
function ownsTargetGroup(choice) {
    return choice.kind === 'create';
}
/** Previews are served over HTTPS only: another listener is refused, with why. With sign-in
 * (load-balancer-authentication) the reason is ELB's too: it authenticates on HTTPS listeners
 * only, and a rule without its sign-in would open the preview to everyone. */
function listenerRefusal(protocol, signsIn = false) {
    if (protocol === 'HTTPS')
        return undefined;
    const uses = `the listener of load-balancer-listener-arn uses ${protocol || 'no protocol'}, not HTTPS`;
    return signsIn
        ? `${uses}: ELB signs users in (load-balancer-authentication) on HTTPS listeners only`
        : uses;
}

;// CONCATENATED MODULE: ./src/domain/health-schedule.ts
// When a new environment's health is checked: one attempt every health-interval on a fixed
// schedule from the start, as many as fit in health-timeout (at least one). A request waits at
// most its own timeout and never past the next attempt, so that an app that never answers has
// failed when the timeout is spent.
function healthSchedule(timing) {
    return {
        attempts: Math.max(1, Math.floor(timing.healthTimeout / timing.healthInterval)),
        intervalMs: timing.healthInterval * 1000,
        requestTimeoutMs: Math.min(timing.healthRequestTimeout, timing.healthInterval) * 1000
    };
}
/** How long attempt `attempt` (from 1) waits, `elapsedMs` after the first began: none when it is
 * already due (an earlier attempt took longer than the interval). */
function waitBeforeAttempt(attempt, elapsedMs, intervalMs) {
    return Math.max(0, (attempt - 1) * intervalMs - elapsedMs);
}
/** The app answers healthy: HTTP 200 (the probe says `HTTP {status}` or why there was none). */
function answersHealthy(answer) {
    return answer === 'HTTP 200';
}

;// CONCATENATED MODULE: ./src/domain/task-watch.ts
// What the tasks of a deploy say while it waits for readiness: a task of its task definition runs
// (its health is checked next), none runs yet, or they crash in a loop (the deploy fails at the
// second stop with an error, instead of waiting out health-timeout). Behind the load balancer, the
// target that counts is the one of the deploy's running task: a forced rebuild's old task is
// healthy in the same target group until it drains.
/** Stops after which a deploy whose tasks keep failing is given up. */
const CRASH_LOOP_STOPS = 2;
const ERROR_STOP_CODES = new Set([
    'TaskFailedToStart',
    'EssentialContainerExited'
]);
/** Stops that the scheduler, a person or the capacity asked for (a scale-in, such as a preview put
 * to sleep; a StopTask; a Spot interruption). Containers told to stop exit as they take the
 * signal: 137 when one ignores SIGTERM and is killed at the stop timeout. That says nothing of
 * the app, so their exit codes do not make the stop a failure. */
const REQUESTED_STOP_CODES = new Set([
    'ServiceSchedulerInitiated',
    'UserInitiated',
    'SpotInterruption',
    'TerminationNotice'
]);
/** The scheduler's replacement of a task that failed its load balancer's or its container's
 * health checks: a requested stop that is a failure all the same. */
const FAILED_HEALTH_CHECKS = /failed (?:ELB|container) health checks/i;
/** Why a stopped task stopped with an error (its reason and the exit codes of its containers),
 * or undefined when it stopped for another cause (a scale-in, a deletion, a Spot interruption),
 * whatever its containers' exit codes. */
function failedStop(task) {
    if (task.lastStatus !== 'STOPPED')
        return undefined;
    const unhealthy = FAILED_HEALTH_CHECKS.test(task.stoppedReason ?? '');
    if (REQUESTED_STOP_CODES.has(task.stopCode) && !unhealthy)
        return undefined;
    const exited = task.containers.filter((c) => c.exitCode !== undefined && c.exitCode !== 0);
    if (exited.length === 0 && !ERROR_STOP_CODES.has(task.stopCode) && !unhealthy)
        return undefined;
    const containers = task.containers
        .filter((c) => (c.exitCode !== undefined && c.exitCode !== 0) || c.reason)
        .map((c) => [
        `container ${c.name}`,
        c.exitCode === undefined ? '' : ` exit code ${c.exitCode}`,
        c.reason ? `: ${c.reason}` : ''
    ].join(''));
    const reason = task.stoppedReason || task.stopCode || 'stopped';
    return containers.length > 0 ? `${reason} (${containers.join('; ')})` : reason;
}
/** Where the deploy of `taskDefinition` stands, from every task of its service. */
function watchTasks(tasks, taskDefinition) {
    // One task, however often it is described: a task listed twice did not stop twice.
    const own = [...new Map(tasks.map((t) => [t.arn, t])).values()].filter((t) => t.taskDefinition === taskDefinition);
    // In the order they stopped: the last one's reason is the one reported.
    const stopped = [...own]
        .sort((a, b) => (a.stoppedAt ?? 0) - (b.stoppedAt ?? 0))
        .flatMap((task) => {
        const why = failedStop(task);
        return why === undefined ? [] : [{ task, why }];
    });
    const failures = stopped.map((s) => s.why);
    const last = stopped.at(-1);
    if (last && stopped.length >= CRASH_LOOP_STOPS)
        return { kind: 'crash-loop', stops: stopped.length, last: last.why, task: last.task };
    const running = own.find((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');
    if (running)
        return { kind: 'running', task: running };
    if (own.length === 0)
        return { kind: 'starting', summary: 'no task started yet' };
    const statuses = [...new Set(own.map((t) => t.lastStatus))].sort().join(', ');
    const once = failures.length > 0 ? `; stopped once: ${failures[0]}` : '';
    return { kind: 'starting', summary: `its task is ${statuses}${once}` };
}
/** The task's own target in the target group (ELB names ip targets by the task's private IP):
 * healthy or not, and what the group holds, for the log. */
function taskTargetHealth(targets, task) {
    const own = targets.find((t) => t.id.split(':')[0] === task.privateIp);
    if (own === undefined)
        return { healthy: false, state: 'its task is not registered yet' };
    return {
        healthy: own.state === 'healthy',
        state: own.reason ? `${own.state} (${own.reason})` : own.state
    };
}

;// CONCATENATED MODULE: ./src/run/deploy.ts
// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is healthy), then poll its new task and health on the health schedule: the
// new task answering its health path at its public address is the readiness ECS's stability
// would only come after, and a task that keeps crashing fails the deploy at its second stop.
// Behind the shared load balancer, the commit's target group is created (with ELB's fastest
// health checks and a short deregistration delay) and attached through the PR's rule first
// (serving nothing yet), the service registers its task there, and the health check is the health
// of the new task's target in that group.







/** A deploy that failed because of its task: a crash loop (the task that stopped last, for its
 * stop reason, exit code and logs), or a health timeout (the task that was still running without
 * answering its health check, for its logs). */
class TaskFailure extends Error {
    task;
    unanswered;
    constructor(message, task, 
    /** Set on a health timeout: the task still ran; the path its health check asked. */
    unanswered) {
        super(message);
        this.task = task;
        this.unanswered = unanswered;
    }
}
async function deployEnvironment({ host, probe, balancer, ownership }, request, timing, observer) {
    const { service } = request;
    const taskDefinition = await host.registerTaskDefinition(request.taskDefinition);
    core/* info */.pq(`registered ${taskDefinition}`);
    let choice = deployChoice(await host.describeService(service), request);
    if (choice.kind === 'wait-for-drain') {
        core/* info */.pq(`${service} is still draining from an earlier deletion; waiting for it to go`);
        choice = deployChoice(await waitUntilGone(host, service, timing), request);
    }
    if (choice.kind === 'refuse')
        throw ownership.refusal(choice.why);
    const balanced = request.loadBalancer &&
        balancer && { settings: request.loadBalancer, balancer, ownership };
    const attached = balanced && (await attachTargetGroup(balanced, request, ownsTargetGroup(choice), observer));
    await observer.beforeService();
    let previousTaskDefinition;
    // ECS's clock and the runner's may differ by a little: events from just before count too.
    const deployedAt = Date.now() - CLOCK_SKEW_MS;
    if (choice.kind === 'update') {
        previousTaskDefinition = choice.previousTaskDefinition;
        core/* info */.pq(`${service} exists: rolling it to the new task definition; the running task serves until then`);
        await host.updateService(choice.service, taskDefinition, request.placement);
        observer.serviceUpdated(previousTaskDefinition);
    }
    else {
        observer.creatingService();
        await host.createService({
            name: service,
            taskDefinition,
            subnets: request.subnets,
            securityGroups: request.securityGroups,
            assignPublicIp: request.assignPublicIp,
            tags: request.tags,
            placement: request.placement,
            ...(attached && { loadBalancer: attached.service })
        });
        core/* info */.pq(`created ${service}`);
    }
    observer.healthCheckStarted();
    const watch = {
        host,
        service,
        taskDefinition,
        whileStarting: (0,capacity/* usesSpot */.x)(request.placement)
            ? spotFallback({ host, ownership }, service, taskDefinition, deployedAt)
            : async () => undefined
    };
    const previous = previousTaskDefinition ? { previousTaskDefinition } : {};
    if (balanced && attached) {
        const { targetGroupArn } = attached.service;
        await waitUntilTargetHealthy(watch, balanced.balancer, {
            arn: targetGroupArn,
            name: balanced.settings.targetGroupName,
            healthPath: request.healthPath
        }, timing);
        return {
            kind: 'load-balancer',
            url: balanced.settings.route.url,
            targetGroupArn,
            route: attached.route,
            ...previous
        };
    }
    const ip = await waitUntilHealthy(watch, probe, request, timing);
    return { kind: 'task', ip, ...previous };
}
/**
 * On Fargate Spot, while the task is still starting: when the service's events say Spot has no
 * capacity for it (ECS would retry until it has), the service moves to on-demand Fargate, once,
 * and the polls go on for what is left of the health timeout.
 */
function spotFallback({ host, ownership }, service, taskDefinition, since) {
    let moved = false;
    return async () => {
        if (moved)
            return;
        const event = (0,capacity/* spotShortage */.G6)(await host.serviceEvents(service), since);
        if (!event)
            return;
        moved = true;
        core/* warning */.$e(`Fargate Spot has no capacity for ${service} ("${event.message}"): moving it to on-demand Fargate`);
        // Its tags are read again, as before any change; with its task definition, since IAM's
        // ecs:task-definition condition needs it in the request.
        const owned = await ownership.service(service);
        if (owned === undefined)
            throw new Error(`${service} is no longer an active service of this repository`);
        await host.updateService(owned, taskDefinition, capacity/* ON_DEMAND */.YG);
    };
}
/** How far ECS's clock may be ahead of the runner's when events are compared with a deploy's
 * start. */
const CLOCK_SKEW_MS = 5_000;
/**
 * The commit's target group (created, or the existing one of a forced rebuild: used only when it
 * is this repository's), attached to the load balancer through the PR's rule without serving
 * anything yet: ECS refuses a service whose target group no load balancer uses.
 */
async function attachTargetGroup({ balancer, settings, ownership }, request, ownsGroup, observer) {
    const listener = await balancer.describeListener();
    const refusal = listenerRefusal(listener.protocol, settings.signsIn);
    if (refusal !== undefined)
        throw new Error(refusal);
    const name = settings.targetGroupName;
    await settings.route.ensureRoom(listener.loadBalancerArn, name);
    const targetGroupArn = await balancer.createTargetGroup({
        name,
        vpcId: listener.vpcId,
        port: request.containerPort,
        healthPath: request.healthPath,
        healthIntervalSeconds: (0,load_balancer/* healthCheckInterval */.w9)(settings.healthIntervalSeconds),
        tags: request.tags
    });
    // ELB returns a group of that name that exists: it is used only when it is ours.
    const verdict = await ownership.read({ kind: 'target-group', name, id: targetGroupArn });
    if (verdict === undefined)
        throw new Error(`the target group ${name} vanished once created`);
    const group = ownership.required(verdict);
    if (ownsGroup)
        observer.targetGroupCreated(targetGroupArn, name);
    await balancer.setDeregistrationDelay(group, settings.deregistrationDelaySeconds);
    const route = await settings.route.prepare(settings.sha, group);
    observer.routePrepared(route);
    return {
        route,
        service: {
            targetGroupArn,
            containerName: settings.containerName,
            containerPort: request.containerPort,
            healthCheckGracePeriodSeconds: Math.round(settings.healthTimeoutSeconds)
        }
    };
}
async function waitUntilGone(host, service, timing) {
    const deadline = Date.now() + timing.drainTimeout * 1000;
    for (;;) {
        await (0,promises_.setTimeout)(timing.drainPoll * 1000);
        const info = await host.describeService(service);
        if (info.status !== 'DRAINING')
            return { ...info, status: info.status };
        if (Date.now() >= deadline) {
            throw new Error(`${service} was still draining after ${seconds(timing.drainTimeout)}; try again later`);
        }
    }
}
/** Runs `check` on the health schedule (domain/health-schedule.ts); it answers what it saw, and a
 * value once the environment is healthy. */
async function onHealthSchedule(timing, check) {
    const { attempts, intervalMs } = healthSchedule(timing);
    const start = Date.now();
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
        const wait = waitBeforeAttempt(attempt, Date.now() - start, intervalMs);
        if (wait > 0)
            await (0,promises_.setTimeout)(wait);
        const seen = await check(attempt, attempts);
        last = seen.last;
        if (seen.value !== undefined)
            return { value: seen.value };
    }
    return { attempts, last };
}
/** One poll of the service's tasks: fails the deploy on a crash loop; hands the running task of
 * the deploy's task definition, if any, to `check`. */
async function pollTask({ host, service, taskDefinition, whileStarting }, check) {
    const watch = watchTasks(await host.serviceTasks(service), taskDefinition);
    switch (watch.kind) {
        case 'crash-loop':
            throw new TaskFailure(`${service} is crash-looping: its task stopped ${watch.stops} times (last: ${watch.last})`, watch.task);
        case 'starting':
            await whileStarting();
            return { last: watch.summary };
        case 'running':
            return check(watch.task);
    }
}
async function waitUntilHealthy(watch, probe, request, timing) {
    const { host, service } = watch;
    const { requestTimeoutMs } = healthSchedule(timing);
    const addresses = new Map();
    let lastRunning;
    const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
        const seen = await pollTask(watch, async (task) => {
            lastRunning = task;
            const eni = task.networkInterfaceId;
            const ip = addresses.get(task.arn) ?? (eni === undefined ? undefined : await host.publicIpOf(eni));
            if (!ip)
                return { last: 'its task has no public IP' };
            addresses.set(task.arn, ip);
            const url = `http://${ip}:${request.containerPort}${request.healthPath}`;
            const answer = await probe(url, requestTimeoutMs);
            const last = `${url} → ${answer}`;
            return answersHealthy(answer) ? { value: ip, last } : { last };
        });
        core/* info */.pq(`health ${attempt}/${attempts}: ${seen.last}`);
        return seen;
    });
    if ('value' in outcome)
        return outcome.value;
    throw healthTimeout(`${service} failed its health check ${outcome.attempts} times (last: ${lastAnswer(outcome.last)})`, lastRunning, request.healthPath);
}
/** A health timeout names the task that ran last without answering, when one ran. */
function healthTimeout(message, task, healthPath) {
    return task === undefined ? new Error(message) : new TaskFailure(message, task, { healthPath });
}
/** The answer of a probe (`url → HTTP 503`), or what kept it from being sent. */
function lastAnswer(last) {
    return last.split(' → ').at(-1) ?? last;
}
/** Behind the load balancer, its own health checks decide: the new task's target in the commit's
 * group must be healthy before the PR's address may move to it (a deploy), or before the PR is
 * marked running again (a wake). */
async function waitUntilTargetHealthy(watch, balancer, target, timing) {
    const { service } = watch;
    const { arn: targetGroupArn, name } = target;
    const { intervalMs } = healthSchedule(timing);
    const pollMs = timing.targetHealthPoll * 1000;
    let lastRunning;
    const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
        const seen = await pollTask(watch, async (task) => {
            lastRunning = task;
            // Its task runs: only its target's health is read, more often, until the next attempt.
            const due = Date.now() + intervalMs;
            for (;;) {
                const health = taskTargetHealth(await balancer.targetHealth(targetGroupArn), task);
                if (health.healthy)
                    return { value: true, last: health.state };
                if (Date.now() + pollMs >= due)
                    return { last: health.state };
                await (0,promises_.setTimeout)(pollMs);
            }
        });
        core/* info */.pq(`health ${attempt}/${attempts}: ${name} → ${seen.last}`);
        return seen;
    });
    if ('value' in outcome)
        return;
    throw healthTimeout(`${service} had no healthy target in ${name} after ${outcome.attempts} checks (last: ${outcome.last})`, lastRunning, target.healthPath);
}
function seconds(value) {
    return `${Math.round(value * 10) / 10} s`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/domain/failure-diagnosis.ts
// What a failed deploy tells the PR about its task: why it stopped and its app container's exit
// code (a crash loop), or that it still ran without answering its health check (a health timeout),
// and the last lines the container logged (CloudWatch Logs, the template's awslogs stream
// of that task), and which links still lead somewhere. The log lines come from the PR's code:
// they are cut to a few short lines and stripped of anything a terminal or a renderer would act
// on (escape sequences, control and direction characters); quoting them so that nothing renders
// or pings is the presentation's job.
/** How many of the task's last log lines reach the PR, and how long each may be (characters). */
const LOG_LINES = 20;
const LOG_LINE_CHARS = 200;
/** `arn:aws:ecs:region:account:task/cluster/id` (or the old `task/id`) → id. */
function taskId(taskArn) {
    return taskArn.split('/').at(-1) ?? taskArn;
}
/**
 * The stream awslogs writes the app container's output to: `{prefix}/{container}/{task id}`, as
 * AWS documents it. Fargate requires the prefix; without one there is no stream to name.
 */
function taskLogStream(location, taskArn) {
    if (!location?.streamPrefix)
        return undefined;
    return {
        group: location.group,
        stream: `${location.streamPrefix}/${location.container}/${taskId(taskArn)}`,
        ...(location.region && { region: location.region })
    };
}
/** What the stopped task says: its reason and the exit code of the app container (the one the
 * template names first, else the first that exited with an error). */
function stoppedTask(task, appContainer) {
    const exited = task.containers.filter((c) => c.exitCode !== undefined);
    const container = exited.find((c) => c.name === appContainer) ?? exited.find((c) => c.exitCode !== 0) ?? exited[0];
    const stopReason = task.stoppedReason || task.stopCode;
    return {
        ...(stopReason && { stopReason }),
        ...(container && { container: container.name, exitCode: container.exitCode })
    };
}
/** What a task tells that was still running at the health deadline: it is named, with the path
 * its health check asked and the app container whose lines are read; it has no stop reason or exit
 * code, since it did not stop. */
function unansweredTask(task, healthPath, appContainer) {
    return {
        unanswered: { task: taskId(task.arn), healthPath },
        ...(appContainer && { container: appContainer })
    };
}
// ESC sequences (CSI with its parameters, or ESC and one character), then every other control,
// zero-width and bidirectional-override character. Tabs become spaces.
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|.)?/gu;
const INVISIBLE = 
// eslint-disable-next-line no-control-regex -- control characters are what it removes
/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
/** One line of the app's output as it may be shown: visible characters only, at most
 * LOG_LINE_CHARS of them (a longer one ends with `…`). */
function safeLogLine(line) {
    const visible = line.replace(ESCAPE_SEQUENCE, '').replace(/\t/g, ' ').replace(INVISIBLE, '');
    const characters = [...visible.trimEnd()];
    return characters.length > LOG_LINE_CHARS
        ? `${characters.slice(0, LOG_LINE_CHARS - 1).join('')}…`
        : characters.join('');
}
/** The last LOG_LINES non-blank lines of log messages (oldest first; a message may hold several
 * lines), each made safe. */
function safeLogLines(messages) {
    return messages
        .flatMap((message) => message.split(/\r\n|\r|\n/))
        .map(safeLogLine)
        .filter((line) => line.trim() !== '')
        .slice(-LOG_LINES);
}
/** The links a failure's comment may show: the service's events only while the service exists
 * (a failed run deletes the service it created, and its events with it); the task's own stream
 * rather than the whole log group when the task is known. */
function failureLinks(links, facts) {
    const { logsUrl, eventsUrl, ...rest } = links;
    const logs = facts.taskLogsUrl ?? logsUrl;
    return {
        ...rest,
        ...(logs && { logsUrl: logs }),
        ...(facts.serviceRemains && eventsUrl && { eventsUrl })
    };
}

;// CONCATENATED MODULE: ./src/run/diagnose.ts
// What a deploy that failed because of its task tells about it: the task's stop reason and exit
// code (a crash loop) or that it ran without answering its health check (a health timeout), and
// its last log lines from CloudWatch Logs (the template's awslogs stream of that task),
// with the console link to that stream. The lines are the PR's code's output: in the job log they
// are fenced with stop-commands, so that none is taken for a workflow command. Reading the logs
// may fail: the failure is reported all the same, without them.





/** The diagnosis of a failure that names its task; undefined for any other failure. */
async function diagnoseFailure(error, systems) {
    if (!(error instanceof TaskFailure))
        return undefined;
    const { logLocation, console } = systems;
    const stream = taskLogStream(logLocation, error.task.arn);
    let logLines = [];
    if (stream && systems.logs) {
        try {
            const reader = await systems.logs(stream.region);
            logLines = safeLogLines(await reader.lastEvents(stream.group, stream.stream, LOG_LINES));
        }
        catch (failure) {
            core/* warning */.$e(`could not read the task's log ${stream.stream}: ${(0,errors/* oneLine */.T)(failure)}`);
        }
    }
    if (logLines.length > 0)
        printFenced(`last log lines of ${stream?.stream}`, logLines);
    const diagnosis = {
        ...(error.unanswered
            ? unansweredTask(error.task, error.unanswered.healthPath, logLocation?.container)
            : stoppedTask(error.task, logLocation?.container)),
        logLines,
        ...(stream && { logStream: stream })
    };
    const logsUrl = stream && console?.taskLogs(stream);
    return { diagnosis, ...(logsUrl && { logsUrl }) };
}
/** Lines from the PR's code in the job log: no line of them may be taken for a workflow command
 * until the token, which they cannot know, ends the fence. */
function printFenced(title, lines) {
    const token = (0,external_node_crypto_.randomBytes)(16).toString('hex');
    core/* startGroup */.Oh(title);
    core/* issueCommand */.Lb('stop-commands', {}, token);
    try {
        for (const line of lines)
            core/* info */.pq(line);
    }
    finally {
        core/* issueCommand */.Lb(token);
        core/* endGroup */.N4();
    }
}

// EXTERNAL MODULE: ./src/run/in-flight.ts
var in_flight = __webpack_require__(8385);
;// CONCATENATED MODULE: ./src/run/failed-run.ts
// Carries out what domain/failed-run.ts decides for a run that claimed a commit and did not go
// live: sync's failure and the post step's release of an interrupted run go through here alike.
// Every part is attempted even when an earlier one failed; what went wrong is handed back, one
// line each (the environment's state matters more than a comment).




async function leaveFailedRun(outcome, context, problem) {
    const { record, session, notifier } = context;
    if (outcome.kind === 'failed') {
        try {
            await (0,in_flight/* releaseResources */.vu)(record, context);
        }
        catch (error) {
            problem(`could not release ${record.service}: ${(0,errors/* oneLine */.T)(error)} (the next cleanup deletes it)`);
        }
    }
    try {
        await session.add(outcome.labels.add);
        await session.remove(outcome.labels.remove);
    }
    catch (error) {
        problem(`could not mark ${record.sha} ${outcome.kind === 'failed' ? 'failed' : 'running'}: ${(0,errors/* oneLine */.T)(error)}`);
    }
    if (outcome.kind === 'failed') {
        await commentFailure(notifier, context, serviceRemains(outcome, record));
        await notifier.deploymentFinished('failure');
    }
}
/** The PR's comment says the run failed, why, and what its task said; it links the service's
 * events only when the service remains, and the task's own log stream when it is known. */
async function commentFailure(notifier, context, serviceRemains) {
    const { diagnosis } = context;
    const facts = failureLinks(context.facts, {
        serviceRemains,
        ...(diagnosis?.logsUrl && { taskLogsUrl: diagnosis.logsUrl })
    });
    await notifier.comment({ kind: 'failed', cause: context.cause, ...(diagnosis && { diagnosis: diagnosis.diagnosis }) }, context.commit, facts);
}

// EXTERNAL MODULE: ./src/domain/build-cache.ts
var build_cache = __webpack_require__(7847);
;// CONCATENATED MODULE: ./src/run/build-spec.ts
// What one image build is: the docker inputs, the image it pushes (or none, for a cache-only build
// of the default branch) and the caches it reads and writes (domain/build-cache.ts).

/** A PR's build pushes its image; the default branch's build only writes the cache. */
function buildSpec(docker, owner, image) {
    const cache = (0,build_cache/* cacheArguments */.pv)(docker.cache, owner, {
        imageRepository: docker.imageRepository,
        ghaAvailable: docker.ghaCacheAvailable
    });
    return {
        platform: docker.platform,
        ...(docker.dockerfile !== undefined && { dockerfile: docker.dockerfile }),
        ...(docker.target !== undefined && { target: docker.target }),
        buildArgs: docker.buildArgs,
        context: docker.context,
        cacheFrom: cache.from,
        cacheTo: cache.to,
        ...(cache.note !== undefined && { cacheNote: cache.note }),
        output: image === undefined ? { kind: 'cache-only' } : { kind: 'push', image }
    };
}

;// CONCATENATED MODULE: ./src/run/phase-clock.ts
// Time spent in each phase of a sync (claim, build, deploy, health, teardown), for the job summary.
class PhaseClock {
    now;
    phases = [];
    started;
    name = 'claim';
    constructor(now = Date.now) {
        this.now = now;
    }
    /** The phase under way, or the last one. */
    get current() {
        return this.name;
    }
    enter(phase) {
        this.stop();
        this.name = phase;
        this.started = this.now();
    }
    /** Ends the phase under way; time spent in the same phase again adds to its row. */
    stop() {
        if (this.started === undefined)
            return;
        const ms = this.now() - this.started;
        this.started = undefined;
        const last = this.phases.at(-1);
        if (last?.name === this.name)
            last.ms += ms;
        else
            this.phases.push({ name: this.name, ms });
    }
}

// EXTERNAL MODULE: ./src/run/routing.ts + 1 modules
var routing = __webpack_require__(3183);
;// CONCATENATED MODULE: ./src/run/wake.ts
// Wakes a sleeping environment (domain/sleep.ts): its service goes back to one task of the task
// definition it ran, with no build and no new deployment, and the wake is done when that task's
// target is healthy in the commit's target group, which the PR's rule still forwards to. Waited for
// as a deploy's readiness is (run/deploy.ts): the target's health read every few seconds once the
// task runs, a task that keeps crashing failing it at its second stop, and a task that never
// became healthy named in the failure with its log lines.

async function wakeEnvironment({ host, balancer, ownership }, request, timing, healthCheckStarted) {
    const { service, targetGroupName } = request;
    const found = await ownership.serviceWithDefinition(service);
    if (found?.taskDefinition === undefined)
        throw new Error(`${service} is not an active service of this repository: nothing to wake`);
    const group = await balancer.findTargetGroup(targetGroupName);
    if (group === undefined)
        throw new Error(`the target group ${targetGroupName} is gone`);
    const { owned, taskDefinition } = found;
    await host.scaleService(owned, taskDefinition, 1);
    healthCheckStarted();
    try {
        const watch = { host, service, taskDefinition, whileStarting: async () => undefined };
        await waitUntilTargetHealthy(watch, balancer, { arn: group.arn, name: targetGroupName, healthPath: request.healthPath }, timing);
    }
    catch (error) {
        // Back to sleep, as its labels still say: a task that never served costs nothing more.
        await host.scaleService(owned, taskDefinition, 0);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/run/sync-run.ts
// Carries out a sync's planned steps: claim, build, deploy, go live, tear down the other commits
// (or everything, for stop and close). Every label write goes through the LabelSession; every
// choice is the planner's or another domain rule's (claim, sync-steps, finished-run, failed-run,
// environment-facts, environment-spec): this runs the steps, keeps the in-flight record for the
// post step, and answers how the run ended.





























/** Raised when another run removed this run's labels (a stop, a close, or a newer roll-out). */
class Superseded extends Error {
}
/** Raised after the build when the PR's head moved on: the run of the newer head deploys. */
class Stale extends Error {
}
/** Raised at a checkpoint that stops the run: the PR was closed or stopped, or a fork moved on. */
class Interrupted extends Error {
    verdict;
    fresh;
    stopOrigin;
    during;
    constructor(verdict, fresh, stopOrigin, during) {
        super(verdict.kind);
        this.verdict = verdict;
        this.fresh = fresh;
        this.stopOrigin = stopOrigin;
        this.during = during;
    }
}
class SyncRun {
    run;
    clock = new PhaseClock();
    /** Whose each resource is, read before it is changed or deleted; what is not ours is listed. */
    ownership;
    inFlight;
    live = false;
    /** The run is waking a sleeping commit, until it is awake. */
    waking = false;
    deployed;
    previewRoute;
    /** What the build produced: the image by its digest (by its tag only when the build was a
     * dry run). */
    builtImage;
    constructor(run) {
        this.run = run;
        const sha = (0,domain_show/* shortSha */.Fu)(run.decision.targetSha);
        this.inFlight = new in_flight/* InFlightRun */.X3({
            pr: run.pr.number,
            sha,
            service: (0,resources/* serviceName */.fe)(run.pr.number, sha),
            servedBefore: servedBefore(run.pr.labels, sha, (0,config_inputs/* addressingOf */.Wu)(run.inputs))
        });
        const { deps, inputs } = run;
        this.ownership = new OwnershipCheck({ host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) }, { repository: deps.repository, adoptUntagged: inputs.aws.adoptUntaggedServices });
    }
    /** The PR's route through the shared load balancer, when there is one. */
    async route() {
        const { inputs, deps, pr } = this.run;
        if (!inputs.loadBalancer || !deps.balancer)
            return undefined;
        this.previewRoute ??= new routing/* PreviewRoute */.k(await deps.balancer(), {
            previewDomain: inputs.loadBalancer.previewDomain,
            repository: deps.repository,
            pr: pr.number,
            sourceCidrs: inputs.loadBalancer.allowedSourceCidrs,
            ...(inputs.loadBalancer.signIn && { signIn: inputs.loadBalancer.signIn.Type })
        }, this.ownership);
        return this.previewRoute;
    }
    get sha() {
        return (0,domain_show/* shortSha */.Fu)(this.run.decision.targetSha);
    }
    get service() {
        return (0,resources/* serviceName */.fe)(this.run.pr.number, this.run.decision.targetSha);
    }
    async execute() {
        const { decision, pr, notifier } = this.run;
        const routeGoesBefore = routeRemovalStep(decision);
        try {
            for (const [index, step] of decision.steps.entries()) {
                const outcome = await this.timed(step, async () => {
                    if (index === routeGoesBefore)
                        await (await this.route())?.remove();
                    return this.step(step);
                });
                if (outcome)
                    return outcome;
            }
            this.inFlight.done();
            const notices = finishedRunNotices({
                action: decision.action,
                steps: decision.steps,
                prState: pr.state,
                hadEnvironments: pr.labels.shows.length > 0,
                live: this.live
            });
            for (const notice of notices) {
                switch (notice.kind) {
                    case 'replaced-deployments-gone':
                        await notifier.deploymentsGone({ keepOwn: true });
                        break;
                    case 'torn-down':
                        await notifier.comment({ kind: 'torn-down', why: notice.why }, decision.targetSha);
                        await notifier.deploymentsGone();
                        break;
                }
            }
            return { kind: 'done' };
        }
        catch (error) {
            if (error instanceof Interrupted)
                return await this.interrupted(error);
            if (error instanceof Stale) {
                await this.fail(error.message, false);
                this.inFlight.done();
                return { kind: 'superseded', why: error.message };
            }
            if (error instanceof Superseded) {
                await this.release();
                this.inFlight.done();
                return { kind: 'superseded', why: error.message };
            }
            const cause = (0,errors/* oneLine */.T)(error);
            const { deps } = this.run;
            const location = (0,task_definition/* logLocation */.U)(deps.template);
            const diagnosis = await diagnoseFailure(error, {
                ...(deps.logs && { logs: deps.logs }),
                ...(deps.console && { console: deps.console }),
                ...(location && { logLocation: location })
            });
            await this.fail(cause, error instanceof NotOurs, diagnosis);
            this.inFlight.done();
            return { kind: 'failed', phase: this.clock.current, cause, ...(diagnosis && { diagnosis }) };
        }
        finally {
            this.clock.stop();
        }
    }
    /** Runs one step in a log group and counts its time to its phase; label and comment steps
     * belong to the phase under way. */
    async timed(step, body) {
        const phase = stepPhase(step);
        if (phase !== undefined)
            this.clock.enter(phase);
        const title = `${this.clock.current}: ${step.kind}${'sha' in step ? ` ${step.sha}` : ''}`;
        return core/* group */.Os(title, body);
    }
    async step(step) {
        const { session, decision, inputs, deps } = this.run;
        switch (step.kind) {
            case 'claim':
                return step.via === 'trigger'
                    ? this.claimTrigger(step.labels)
                    : this.claimCommit(step.labels);
            case 'labels':
                // A run that builds writes the definitions of its labels while it builds.
                if (decision.buildNeeded)
                    await session.attach(step.add);
                else
                    await session.add(step.add);
                await session.remove(step.remove);
                return undefined;
            case 'build': {
                // What decides nothing is written while the image builds; a failed build waits for it, so
                // that its failure is told in full.
                const held = [];
                const aside = core/* holdCommands */.KT(held, () => this.whileBuilding(step.sha));
                try {
                    const built = await deps.builder.build(buildSpec(inputs.docker, { kind: 'pull-request', pr: this.run.pr.number }, step.image));
                    this.builtImage = (0,resources/* deployedImage */.Oo)(step.image, inputs.docker.imageRepository, built.digest);
                }
                finally {
                    await aside;
                    core/* issueHeld */.Pg(held);
                }
                core/* info */.pq(`built ${this.builtImage}`);
                return undefined;
            }
            case 'status':
                await this.change(step.sha, statusChange(session.state(), step.sha, step.status));
                return undefined;
            case 'deploy':
                this.deployed = await this.deploy(this.builtImage ?? step.image);
                return undefined;
            case 'go-live':
                await this.goLive(step.sha, step.removePointers);
                return undefined;
            case 'teardown':
                await this.teardown(step.sha, step.service);
                return undefined;
            case 'wake':
                await this.wake(step.sha, step.service);
                return undefined;
            case 'notify':
                await this.notice(step.notices);
                return undefined;
        }
    }
    /** The building labels are on the PR: the comment and the deployment say so, and the label
     * definitions known in advance are written. None of it fails the run. */
    async whileBuilding(sha) {
        const { notifier, decision, session } = this.run;
        await notifier.comment({ kind: 'building' }, decision.targetSha, this.commentFacts());
        await notifier.deploymentStarted(decision.targetSha);
        this.inFlight.deploymentStarted(notifier.deployment);
        await session.define(labelsAhead(sha));
    }
    async claimTrigger(labels) {
        const { session, decision, deps, pr } = this.run;
        const [gate, ...rest] = labels;
        if (gate === undefined)
            return undefined;
        const verdict = triggerClaim(await session.take(gate), decision.action);
        if (verdict === 'lost')
            return { kind: 'claim-lost' };
        if (verdict === 're-read') {
            const fresh = await deps.github.getPullRequest(pr.number);
            session.refresh(fresh.labels);
            if (settleAmbiguousClaim(session.state(), this.sha) === 'lost')
                return { kind: 'claim-lost' };
            core/* info */.pq(`the claim of ${gate} was ambiguous; no other run builds ${this.sha}: going on`);
        }
        this.markClaimed();
        await session.remove(rest);
        return undefined;
    }
    /** No trigger to take: write the building labels, then re-read, and back off if superseded. */
    async claimCommit(labels) {
        const { session, deps, pr, namedSha } = this.run;
        await session.attach(labels);
        // Saved before the re-read, so that a run killed now is released by its post step.
        this.markClaimed();
        const fresh = await deps.github.getPullRequest(pr.number);
        session.refresh(fresh.labels);
        const why = supersededBy(fresh, this.run.decision.targetSha, namedSha);
        if (why === undefined)
            return undefined;
        await session.remove(claimUndo(labels));
        this.inFlight.done();
        return { kind: 'superseded', why: `${why}; ${this.sha} is not rolled out` };
    }
    /** A run that creates an environment records its claim, for the post step to release. */
    markClaimed() {
        if (recordsInFlight(this.run.decision.action))
            this.inFlight.claimed();
    }
    /** Who asked, when, and for how long, as the labels now say, and where its logs are. */
    commentFacts(sha = this.sha) {
        const { session, inputs, deps, pr } = this.run;
        const console = deps.console;
        const logs = console?.logs();
        return {
            ...environmentFacts(session.state(), sha, inputs.ttl),
            ...(pr.isFork && { fork: true }),
            ...(logs && { logsUrl: logs }),
            ...(console && { eventsUrl: console.serviceEvents((0,resources/* serviceName */.fe)(pr.number, sha)) })
        };
    }
    /** A notice on the PR: the environment that serves meanwhile keeps its facts in the comment. */
    async notice(notices) {
        const { session, inputs, pr, decision, notifier } = this.run;
        const subject = noticeSubject(pr.number, session.state(), (0,config_inputs/* addressingOf */.Wu)(inputs));
        if (subject === undefined) {
            await notifier.comment({ kind: 'notice', notices }, decision.targetSha, {});
            return;
        }
        const { sha, ...live } = subject;
        await notifier.comment({ kind: 'notice', notices, live }, sha, this.commentFacts(sha));
    }
    /** Apply a change to one SHA's labels; if its status label vanished meanwhile, another run tore
     * it down: undo the addition and stop. */
    async change(sha, change) {
        const { session } = this.run;
        const before = statusLabels(session.state(), sha);
        await session.attach(change.add);
        if (removedByAnotherRun(before, session.labels)) {
            await session.remove(change.add);
            throw new Superseded(`the labels of ${sha} were removed by another run (stop, close or a newer roll-out)`);
        }
        await session.remove(change.remove);
    }
    /**
     * Stop and close win: the PR is read once more (right before the service is created or rolled
     * forward, right before going live, and once a wake's task is healthy), and a closed PR, an
     * allowed stop trigger or a fork that moved on ends the run here (domain/checkpoint.ts). After a
     * wake, a fork's new head ends nothing: the awake commit was approved when it first deployed,
     * and the new head waits for its own approval.
     */
    async checkpoint(where, after = 'decision') {
        const { deps, pr, session, inputs } = this.run;
        const data = await deps.github.getPullRequest(pr.number);
        session.refresh(data.labels);
        const fresh = snapshotOf(data);
        const run = { decidedHead: pr.headSha, allowedPermissions: inputs.allowedPermissions };
        let stopOrigin;
        let verdict = checkpoint(fresh, run);
        if (verdict.kind === 'needs-stop-origin') {
            stopOrigin = await this.run.stopOrigin(pr.number);
            verdict = checkpoint(fresh, run, stopOrigin);
        }
        if (after === 'wake' && verdict.kind === 'abandon')
            return;
        if (verdict.kind === 'needs-stop-origin' || verdict.kind === 'go-on') {
            const next = after === 'build'
                ? afterBuild(fresh, { commit: this.run.decision.targetSha, named: this.run.namedSha })
                : { kind: 'deploy' };
            if (next.kind === 'deploy')
                return;
            const head = (0,domain_show/* shortSha */.Fu)(next.head);
            core/* info */.pq(`checkpoint ${where}: the PR moved on to ${head}`);
            throw new Stale(`the PR moved on to ${head} while ${this.sha} built: ${this.sha} is not deployed, the run of ${head} deploys it`);
        }
        core/* info */.pq(`checkpoint ${where}: ${verdict.kind}`);
        throw new Interrupted(verdict, fresh, stopOrigin, after === 'wake' ? 'wake' : 'deploy');
    }
    /** A checkpoint ended the run: the fork's commit is left as a failed run leaves it; a closed or
     * stopped PR loses what this run made, then every environment, as the planner has it. */
    async interrupted({ verdict, fresh, stopOrigin, during }) {
        if (verdict.kind === 'abandon') {
            const why = `the fork's head moved on to ${(0,domain_show/* shortSha */.Fu)(verdict.head)} during the deploy: ${this.sha} is not put live (a maintainer approves the new head with the start label)`;
            await this.fail(why, false);
            this.inFlight.done();
            return { kind: 'superseded', why };
        }
        await this.release();
        this.inFlight.done();
        const why = verdict.why === 'closed'
            ? `the PR was closed during the ${during}: ${this.sha} is not put live, and every environment is torn down`
            : `${domain_labels/* TRIGGER_STOP */.A$} was added during the ${during}: ${this.sha} is not put live, and every environment is torn down`;
        core/* info */.pq(why);
        const teardown = this.run.replan(fresh, stopOrigin);
        const outcome = await new SyncRun({ ...this.run, pr: fresh, decision: teardown }).execute();
        return outcome.kind === 'failed' ? outcome : { kind: 'superseded', why };
    }
    async goLive(sha, removePointers) {
        const { session, inputs, notifier, decision } = this.run;
        const deployed = this.deployed;
        if (deployed === undefined)
            throw new Error(`${sha} goes live without a deploy`);
        await this.checkpoint('before going live');
        let url;
        let address;
        switch (deployed.kind) {
            case 'task':
                address = { ip: deployed.ip, port: inputs.containerPort };
                url = `http://${deployed.ip}:${inputs.containerPort}`;
                break;
            case 'load-balancer': {
                // The address moves in one call, to a target group that is healthy; no 🌐 label: the
                // address is the PR's, not the commit's.
                const route = await this.route();
                if (route === undefined)
                    throw new Error(`${sha} goes live without its load balancer`);
                await route.goLive(deployed.route, deployed.targetGroupArn);
                url = deployed.url;
                break;
            }
        }
        await this.change(sha, goLiveChange(session.state(), sha, address, removePointers));
        // Live from here on: nothing of this run may be released any more.
        this.live = true;
        this.inFlight.done();
        core/* info */.pq(`${sha} is live at ${url}`);
        await notifier.comment({ kind: 'running', url }, decision.targetSha, this.commentFacts());
        await notifier.deploymentFinished('success', url);
        // The address label's definition, once the URL is out (the others were written meanwhile).
        await session.define();
    }
    async deploy(image) {
        const { inputs, deps, session, pr, body } = this.run;
        const tags = deployTagFacts(session.state(), {
            repository: deps.repository,
            pr: pr.number,
            sha: this.run.decision.targetSha,
            now: deps.now()
        }, inputs.ttl);
        const route = await this.route();
        const spec = environmentSpec({
            template: deps.template,
            image,
            containerPort: inputs.containerPort,
            pr: pr.number,
            sha: this.sha,
            repository: deps.repository,
            body,
            ...(inputs.featureFlagPrefix !== undefined && { flagPrefix: inputs.featureFlagPrefix }),
            ...(route && { url: route.url }),
            tags
        });
        for (const text of spec.skippedFlags)
            core/* warning */.$e(`feature flag "${text}" ignored: use true or false`);
        if (spec.flags.length > 0)
            core/* info */.pq(`feature flags: ${spec.flags.map((f) => `${f.name}=${f.value}`).join(', ')}`);
        return deployEnvironment({
            host: await deps.host(),
            probe: deps.probe,
            ...(route && deps.balancer && { balancer: await deps.balancer() }),
            ownership: this.ownership
        }, {
            service: this.service,
            repository: deps.repository,
            adoptUntagged: inputs.aws.adoptUntaggedServices,
            taskDefinition: spec.taskDefinition,
            subnets: inputs.aws.subnets,
            securityGroups: inputs.aws.securityGroups,
            assignPublicIp: inputs.aws.assignPublicIp,
            placement: (0,capacity/* placementOf */.xc)(inputs.aws.capacityProvider),
            containerPort: inputs.containerPort,
            healthPath: inputs.healthPath,
            tags: spec.tags,
            ...(route && {
                loadBalancer: {
                    route,
                    sha: this.sha,
                    targetGroupName: (0,resources/* targetGroupName */.IT)(deps.repository, pr.number, this.sha),
                    containerName: spec.containerName,
                    healthIntervalSeconds: inputs.healthIntervalSeconds,
                    healthTimeoutSeconds: inputs.healthTimeoutSeconds,
                    deregistrationDelaySeconds: inputs.deregistrationDelaySeconds,
                    signsIn: inputs.loadBalancer?.signIn !== undefined
                }
            })
        }, deps.timing, {
            beforeService: () => this.checkpoint('before the service', 'build'),
            creatingService: () => this.inFlight.creatingService(),
            healthCheckStarted: () => this.clock.enter('health'),
            serviceUpdated: (previous) => this.inFlight.serviceRolled(previous),
            targetGroupCreated: (arn, name) => this.inFlight.targetGroupCreated(arn, name),
            routePrepared: (prepared) => this.inFlight.routePrepared(prepared)
        });
    }
    /** A sleeping environment wakes behind the load balancer (run/wake.ts), then runs again. */
    async wake(sha, service) {
        const { deps, session, pr, notifier, decision } = this.run;
        const route = await this.route();
        if (route === undefined || !deps.balancer)
            throw new Error(`${sha} sleeps, but no load balancer is configured to wake it behind`);
        this.waking = true;
        await wakeEnvironment({ host: await deps.host(), balancer: await deps.balancer(), ownership: this.ownership }, {
            service,
            targetGroupName: (0,resources/* targetGroupName */.IT)(deps.repository, pr.number, sha),
            healthPath: this.run.inputs.healthPath
        }, deps.timing, () => this.clock.enter('health'));
        this.waking = false;
        await this.checkpoint('before waking up', 'wake');
        await this.change(sha, statusChange(session.state(), sha, 'running'));
        this.live = true;
        core/* info */.pq(`${sha} is awake at ${route.url}`);
        await notifier.comment({ kind: 'running', url: route.url }, decision.targetSha, this.commentFacts());
    }
    /** A commit's environment goes, as far as it is ours; its labels go in any case. */
    async teardown(sha, name) {
        const { session, deps, inputs, pr } = this.run;
        const service = await this.ownership.service(name);
        if (service !== undefined) {
            await (await deps.host()).deleteService(service);
            const taskDefinition = this.ownership.taskDefinitionOf(name);
            await removeCommitArtifacts({
                host: deps.host,
                ...(deps.registry && { registry: deps.registry }),
                imageRepository: inputs.docker.imageRepository,
                revisions: { kind: 'template-family', family: deps.template.family }
            }, { pr: pr.number, sha, ...(taskDefinition && { taskDefinition }) });
        }
        await (await this.route())?.removeTargetGroup(sha);
        await session.remove(commitLabels(session.state(), sha));
    }
    /** Give back what this run created: its new service, or the old task definition. */
    async release() {
        const record = this.inFlight.record;
        if (record === undefined)
            return;
        try {
            const { host, balancer } = this.run.deps;
            await (0,in_flight/* releaseResources */.vu)(record, {
                host,
                ...(balancer && { balancer }),
                ownership: this.ownership
            });
        }
        catch (error) {
            core/* warning */.$e(`could not release ${this.service}: ${(0,errors/* oneLine */.T)(error)} (the next cleanup deletes it)`);
        }
    }
    /** A wake that failed created nothing and changed no label: its service is back to zero tasks
     * and the commit still sleeps (run/wake.ts). The PR is told why, with what its task said. */
    async failedWake(cause, diagnosis) {
        const { notifier, decision } = this.run;
        const context = {
            commit: decision.targetSha,
            cause,
            facts: this.commentFacts(),
            ...(diagnosis && { diagnosis })
        };
        try {
            await commentFailure(notifier, context, true);
        }
        catch (error) {
            core/* warning */.$e(`could not say on the PR that the wake failed: ${(0,errors/* oneLine */.T)(error)}`);
        }
    }
    /** After a failure, what a failed run leaves (domain/failed-run.ts), as the post step leaves
     * it for an interrupted one. Only a claimed run that did not go live holds a record. */
    async fail(cause, refused, diagnosis) {
        const record = this.inFlight.record;
        if (record === undefined) {
            if (this.waking)
                await this.failedWake(cause, diagnosis);
            return;
        }
        const { session, notifier, decision, deps } = this.run;
        const outcome = failedRunOutcome(session.state(), {
            sha: record.sha,
            servedBefore: record.servedBefore,
            live: this.live,
            refused
        });
        await leaveFailedRun(outcome, {
            record,
            host: deps.host,
            ...(deps.balancer && { balancer: deps.balancer }),
            ownership: this.ownership,
            session,
            notifier,
            commit: decision.targetSha,
            cause,
            facts: this.commentFacts(),
            ...(diagnosis && { diagnosis })
        }, (problem) => core/* warning */.$e(problem));
    }
}

;// CONCATENATED MODULE: ./src/modes/sync.ts
// sync: decide as check does, then carry out the planned steps (run/sync-run.ts) and report: the
// outputs, the job summary, and the line the run ends with.









async function runSync(inputs, deps) {
    const { pr, data, decision, explicitSha, input } = await decideForEvent(inputs, deps);
    logDecision(decision);
    if (decision.syncNeeded)
        deps.budget.require(defaults/* SYNC_REQUEST_RESERVE */.Rn, 'This sync');
    const context = {
        inputs,
        deps: { ...deps, ...(deps.summary.console && { console: deps.summary.console }) },
        pr,
        decision,
        session: new LabelSession(deps.labels(data.labels), pr.number, data.labels, data.nodeId),
        notifier: deps.notifier(pr.number, data.comments),
        body: data.body,
        namedSha: explicitSha,
        stopOrigin: (number) => stopOrigin(deps.github, number),
        // What the PR is now, with the facts this run had: a closed or stopped PR is torn down.
        replan: (fresh, origin) => plan({ ...input, pr: fresh, stopOrigin: origin })
    };
    const run = new SyncRun(context);
    const outcome = decision.syncNeeded ? await run.execute() : { kind: 'done' };
    const after = { ...pr, labels: context.session.state() };
    const outputs = syncOutputs(decision, after, outcome, {
        imageRepository: inputs.docker.imageRepository,
        addressing: (0,config_inputs/* addressingOf */.Wu)(inputs)
    });
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    const sentence = syncSentence(outcome, decision, after, (0,config_inputs/* addressingOf */.Wu)(inputs));
    const simulated = simulatedSystems(inputs.dryRun);
    await writeSummary(renderSyncSummary({
        pr: after,
        decision,
        outcome,
        sentence,
        phases: run.clock.phases,
        simulated,
        leftAlone: run.ownership.leftAlone
    }, { ...deps.summary, now: deps.now() }));
    const ending = syncEnding(outcome, decision, sentence);
    if (ending?.kind === 'failed')
        core/* setFailed */.C1(ending.line);
    else if (ending?.kind === 'notice')
        core/* notice */.lm(ending.line);
}

;// CONCATENATED MODULE: ./src/presentation/warm-cache-report.ts
// What warm-cache says: the cache it wrote, or why it had none to write.
function warmCacheLine(backend, scope, branch) {
    const where = backend === 'registry' ? `the registry tag ${scope}` : `the ${backend} scope ${scope}`;
    return `wrote the build cache of ${branch} to ${where}: PR builds read it`;
}
const NOTHING_TO_WARM = 'mode warm-cache has no cache to write: set build-cache to gha or registry, or give cache-to';
function cannotWarm(why) {
    return `mode warm-cache cannot write the build cache: ${why}`;
}

;// CONCATENATED MODULE: ./src/modes/warm-cache.ts
// warm-cache: build the default branch and write the build cache that PR builds read. Only a
// trusted run may write it (a push to the default branch, or a dispatch on it): a PR's build reads
// this cache but writes only its own PR's (domain/build-cache.ts). No GitHub or AWS request.





async function runWarmCache(inputs, deps) {
    const { eventName, payload, ref } = deps.runner;
    const defaultBranch = payload.repository
        ?.default_branch;
    const branch = typeof defaultBranch === 'string' ? defaultBranch : undefined;
    const refusal = (0,build_cache/* cacheWriterRefusal */.Kj)({
        eventName,
        ref,
        ...(branch !== undefined && { defaultBranch: branch })
    });
    if (refusal !== undefined)
        throw new errors/* InputError */.d(`${refusal}.`);
    const spec = buildSpec(inputs.docker, { kind: 'default-branch' });
    if (spec.cacheTo.length === 0)
        throw new errors/* InputError */.d(`${spec.cacheNote ? cannotWarm(spec.cacheNote) : NOTHING_TO_WARM}.`);
    await deps.builder.build(spec);
    core/* info */.pq(warmCacheLine(inputs.docker.cache.backend, (0,build_cache/* cacheScope */.ju)(inputs.docker.cache.name, { kind: 'default-branch' }), branch ?? ref));
}

;// CONCATENATED MODULE: ./src/run/notifier.ts
// Tells people on the PR what happened: the sticky comment and the GitHub deployments of its
// commits. Neither may fail a run: a problem here is a warning, the environment matters more.




/** The GitHub environment of a PR's deployments: `{pr}` in the input stands for its number. */
function environmentName(template, pr) {
    return template.replaceAll('{pr}', String(pr));
}
class Notifier {
    options;
    deploymentId;
    constructor(options) {
        this.options = options;
        this.deploymentId = options.deploymentId;
    }
    /** The deployment this run started, if it did. */
    get deployment() {
        return this.deploymentId;
    }
    async comment(event, sha, facts = {}) {
        const { comments, pr, commentCount } = this.options;
        if (!comments)
            return;
        const body = renderComment(event, { ...this.options.facts, ...facts, sha });
        await this.quietly('update the PR comment', () => comments.upsert(pr, body, commentCount));
    }
    async deploymentStarted(sha) {
        const { deployments, environment, pr } = this.options;
        if (!deployments)
            return;
        await this.quietly('create the deployment', async () => {
            this.deploymentId = await deployments.start(sha, environment, (0,resources/* deploymentTask */.RD)(pr), `Showtime environment of PR #${pr} at ${sha.slice(0, 7)}`, this.status());
        });
    }
    /** The post step of a run stopped while it started its deployment (created, its id not yet
     * recorded): that deployment, still in progress for the commit, is the run's to finish. */
    async findUnrecordedDeployment(sha) {
        const { deployments, environment, pr } = this.options;
        if (!deployments || this.deploymentId !== undefined)
            return;
        await this.quietly('read the deployments', async () => {
            const [id] = await deployments.inProgress(environment, (0,resources/* deploymentTask */.RD)(pr), sha);
            this.deploymentId = id;
        });
    }
    async deploymentFinished(state, environmentUrl) {
        const { deployments } = this.options;
        const id = this.deploymentId;
        if (!deployments || id === undefined)
            return;
        await this.quietly(`set the deployment to ${state}`, () => deployments.setStatus(id, state, this.status(environmentUrl)));
    }
    /** Every live deployment of the PR goes inactive ("destroyed"), but this run's own when it
     * serves: after a teardown, or once a roll-over has replaced the older commits. */
    async deploymentsGone(options = {}) {
        const { deployments, environment, pr } = this.options;
        if (!deployments)
            return;
        const keep = options.keepOwn ? this.deploymentId : undefined;
        await this.quietly('mark the deployments inactive', () => deployments.deactivate(environment, (0,resources/* deploymentTask */.RD)(pr), this.status(), keep));
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

;// CONCATENATED MODULE: ./src/modes/post.ts
// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: what it leaves is decided by the same rule as a
// failed sync's (domain/failed-run.ts) and carried out by the same code (run/failed-run.ts).








async function releaseInFlight(inFlight, deps) {
    const data = await deps.github.getPullRequest(inFlight.pr);
    const labels = readLabels(data.labels);
    const outcome = failedRunOutcome(labels, {
        sha: inFlight.sha,
        servedBefore: inFlight.servedBefore,
        live: wentLive(labels, inFlight.sha)
    });
    if (outcome.kind === 'went-live') {
        core/* info */.pq(`${inFlight.sha} went live before the run stopped: it stays`);
    }
    else {
        core/* warning */.$e(`The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`);
    }
    const problems = [];
    const notifier = deps.notifier(inFlight.pr, data.comments, inFlight.deploymentId);
    if (outcome.kind === 'failed')
        await notifier.findUnrecordedDeployment(inFlight.sha);
    await leaveFailedRun(outcome, {
        record: inFlight,
        host: deps.host,
        ...(deps.balancer && { balancer: deps.balancer }),
        ownership: new OwnershipCheck({ host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) }, { repository: deps.repository, adoptUntagged: deps.adoptUntagged }),
        session: new LabelSession(deps.labels(data.labels), inFlight.pr, data.labels),
        notifier,
        commit: inFlight.sha,
        cause: INTERRUPTED_RUN,
        facts: environmentFacts(labels, inFlight.sha, deps.ttl)
    }, (problem) => problems.push(problem));
    if (problems.length > 0)
        throw new Error(problems.join('; '));
}

;// CONCATENATED MODULE: ./src/presentation/links.ts
// Where people click: the PR, a commit, and, for an environment, the ECS service's events and the
// CloudWatch logs of its task (from the template's awslogs configuration).
function repositoryLinks(serverUrl, repository) {
    return {
        pull: (number) => `${serverUrl}/${repository}/pull/${number}`,
        commit: (sha) => `${serverUrl}/${repository}/commit/${sha}`
    };
}
/** The AWS console encodes the part after `#` once more, with `$` for `%`. */
const consoleEncode = (value) => encodeURIComponent(value).replaceAll('%', '$25');
function consoleLinks(region, cluster, logs) {
    const console = (where) => `https://${where}.console.aws.amazon.com`;
    return {
        serviceEvents: (service) => `${console(region)}/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/events?region=${region}`,
        logs: () => {
            if (!logs)
                return undefined;
            const logRegion = logs.region ?? region;
            const streams = [logs.streamPrefix, logs.container].filter(Boolean).join('/');
            return (`${console(logRegion)}/cloudwatch/home?region=${logRegion}#logsV2:log-groups/log-group/` +
                `${consoleEncode(logs.group)}$3FlogStreamNameFilter$3D${consoleEncode(streams)}`);
        },
        taskLogs: ({ group, stream, region: streamRegion }) => {
            const logRegion = streamRegion ?? region;
            return (`${console(logRegion)}/cloudwatch/home?region=${logRegion}#logsV2:log-groups/log-group/` +
                `${consoleEncode(group)}/log-events/${consoleEncode(stream)}`);
        }
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/runner/context.ts
// The run's context as the runner describes it in GITHUB_* variables and the event file: what
// @actions/github's `context` reads, for the fields Showtime uses. @actions/github itself is not
// imported: its entry module loads undici (a megabyte of code) to make requests, and Showtime's
// GitHub client makes them with node:http (src/github/fetch.ts).


class Context {
    /** The webhook payload of the event that started the run. */
    payload;
    eventName;
    /** GITHUB_REF: the branch or tag the run is for, such as refs/heads/main. */
    ref;
    actor;
    runId;
    serverUrl;
    constructor(env = process.env) {
        this.env = env;
        this.payload = {};
        const eventPath = env.GITHUB_EVENT_PATH;
        if (eventPath) {
            if ((0,external_node_fs_.existsSync)(eventPath))
                this.payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
            else
                process.stdout.write(`GITHUB_EVENT_PATH ${eventPath} does not exist${external_node_os_.EOL}`);
        }
        this.eventName = env.GITHUB_EVENT_NAME ?? '';
        this.ref = env.GITHUB_REF ?? '';
        this.actor = env.GITHUB_ACTOR ?? '';
        this.runId = parseInt(env.GITHUB_RUN_ID ?? '', 10);
        this.serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    }
    env;
    /** The repository the workflow runs in: GITHUB_REPOSITORY, else the payload's repository. */
    get repo() {
        const repository = this.env.GITHUB_REPOSITORY;
        if (repository) {
            const [owner = '', repo = ''] = repository.split('/');
            return { owner, repo };
        }
        const fromPayload = this.payload.repository;
        if (fromPayload?.owner?.login && fromPayload.name)
            return { owner: fromPayload.owner.login, repo: fromPayload.name };
        throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
    }
}

;// CONCATENATED MODULE: ./src/runtime.ts
// Everything a run needs except the AWS SDK, loaded by main.ts in one piece once the inputs are
// valid. This is the one place where the adapters are chosen: the real ones, or the dry-run ones
// that the dry-run-github, dry-run-aws and dry-run-docker inputs ask for. The modes never know.


























const context = new Context();
async function runMode(inputs, template) {
    // warm-cache only builds: no GitHub or AWS client.
    if (inputs.mode === 'warm-cache')
        return runWarmCache(inputs, {
            builder: inputs.dryRun.docker ? dryRunBuilder : dockerBuilder,
            runner: { eventName: context.eventName, payload: context.payload, ref: context.ref }
        });
    const github = githubRuntime(inputs);
    const runner = { eventName: context.eventName, payload: context.payload, actor: context.actor };
    const now = Date.now;
    const summary = {
        links: repositoryLinks(github.serverUrl, github.repository),
        ...(inputs.aws.cluster && {
            console: consoleLinks(inputs.aws.region, inputs.aws.cluster, (0,task_definition/* logLocation */.U)(template))
        }),
        addressing: (0,config_inputs/* addressingOf */.Wu)(inputs)
    };
    switch (inputs.mode) {
        case 'check': {
            // check may run before the AWS credentials are set up: then sync counts.
            const host = clusterHost(inputs, 'simulate');
            return runCheck(inputs, {
                github: github.reader,
                runner,
                now,
                summary,
                budget: github.budget,
                environments: async () => {
                    try {
                        return await environments(host, github.repository);
                    }
                    catch (error) {
                        core/* info */.pq(`the running environments could not be counted here: ${(0,errors/* oneLine */.T)(error)}`);
                        return undefined;
                    }
                },
                runningCommit: async (pr, sha) => {
                    try {
                        return await runtime_runningCommit(host, github.repository, pr, sha);
                    }
                    catch (error) {
                        core/* info */.pq(`the cluster could not be read here: ${(0,errors/* oneLine */.T)(error)}`);
                        return null;
                    }
                }
            });
        }
        case 'set-state':
            return runSetState(inputs, {
                github: github.reader,
                labels: github.labels,
                runner,
                now,
                summary
            });
        case 'sync': {
            const host = clusterHost(inputs, 'simulate');
            return runSync(inputs, {
                github: github.reader,
                labels: github.labels,
                runner,
                now,
                summary,
                budget: github.budget,
                environments: () => environments(host, github.repository),
                runningCommit: (pr, sha) => runtime_runningCommit(host, github.repository, pr, sha),
                host,
                ...balancerOf(inputs, 'simulate'),
                builder: inputs.dryRun.docker ? dryRunBuilder : dockerBuilder,
                probe: inputs.dryRun.aws ? dryRunProbe : httpProbe,
                template,
                timing: (0,defaults/* scaledTiming */.nL)((0,defaults/* timeScale */.Mw)(process.env), {
                    timeoutSeconds: inputs.healthTimeoutSeconds,
                    intervalSeconds: inputs.healthIntervalSeconds
                }),
                repository: github.repository,
                notifier: notifierFactory(inputs, github),
                logs: logsReader(inputs),
                registry: imageRegistry(inputs)
            });
        }
        case 'cleanup': {
            const notifier = notifierFactory(inputs, github);
            return runCleanup(inputs, {
                // The pulls list carries no comment count: look for the sticky comment every time.
                notifier: (pr) => notifier(pr, 1),
                scanner: repositoryScanner(github.octokit, github.repo),
                labels: github.cleanupLabels,
                definitions: github.definitions,
                host: clusterHost(inputs, 'read-only'),
                ...balancerOf(inputs, 'read-only'),
                registry: imageRegistry(inputs),
                imageRepository: inputs.docker.imageRepository,
                ...(inputs.loadBalancer &&
                    inputs.sleepAfter.kind === 'idle' && {
                    // A read: dry runs read the real metrics too.
                    metrics: async () => (await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(85), __webpack_require__.e(817)]).then(__webpack_require__.bind(__webpack_require__, 3817))).requestMetrics(inputs.aws.region)
                }),
                now,
                repository: github.repository,
                budget: github.budget,
                summary
            });
        }
    }
}
/** The post step: release what an interrupted sync held. */
async function runPost(inputs, inFlight) {
    const github = githubRuntime(inputs);
    await releaseInFlight(inFlight, {
        github: github.reader,
        labels: github.labels,
        host: clusterHost(inputs, 'simulate'),
        ...balancerOf(inputs, 'simulate'),
        notifier: notifierFactory(inputs, github),
        ttl: inputs.ttl,
        repository: github.repository,
        adoptUntagged: inputs.aws.adoptUntaggedServices
    });
}
/** GitHub's adapters; with dry-run-github, reads are real and writes are printed. */
function githubRuntime(inputs) {
    const { octokit, budget } = createOctokit(inputs.githubToken);
    const repo = context.repo;
    const real = pullRequestReader(octokit, repo);
    const dry = inputs.dryRun.github ? dryRunGitHub(real) : undefined;
    return {
        octokit,
        budget,
        repo,
        reader: dry?.reader ?? real,
        labels: (known) => dry?.labels ?? labelWriter(octokit, repo, known),
        // Cleanup plans the definitions it creates: its writer never creates one on its own.
        cleanupLabels: dry?.labels ?? labelWriter(octokit, repo, [], { createDefinitions: false }),
        definitions: dry?.definitions ?? definitionWriter(octokit, repo),
        comments: dry?.comments ?? stickyComment(octokit, repo),
        deployments: dry?.deployments ?? deployments(octokit, repo),
        repository: `${repo.owner}/${repo.repo}`,
        serverUrl: context.serverUrl,
        runUrl: `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
    };
}
/** The sticky comment and the deployments of a PR, as the comment and deployments inputs ask. */
function notifierFactory(inputs, github) {
    return (pr, commentCount, deploymentId) => new Notifier({
        pr,
        commentCount,
        environment: environmentName(inputs.deploymentEnvironment, pr),
        facts: { repository: github.repository, serverUrl: github.serverUrl, runUrl: github.runUrl },
        ...(inputs.comment && { comments: github.comments }),
        ...(inputs.deployments && { deployments: github.deployments }),
        ...(deploymentId !== undefined && { deploymentId })
    });
}
/**
 * The cluster, loaded (with the AWS SDK) only when a run reaches it. With dry-run-aws, sync and the
 * post step simulate it without any AWS request, while cleanup reads the real one and prints what
 * it would change (its plan must be the real one).
 */
function clusterHost(inputs, dryRun) {
    let host;
    const real = async () => (await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212), __webpack_require__.e(32)]).then(__webpack_require__.bind(__webpack_require__, 1032))).ecsHost(inputs.aws.region, inputs.aws.cluster);
    const make = async () => {
        if (!inputs.dryRun.aws)
            return real();
        return dryRun === 'simulate'
            ? simulatedHost(inputs.awsSleepSeconds)
            : readOnlyHost(await real());
    };
    return () => (host ??= make());
}
/**
 * The shared load balancer, when the inputs name one; its SDK is loaded only when a run reaches
 * it. Dry runs as for the cluster: sync simulates it, cleanup reads the real one.
 */
function balancerOf(inputs, dryRun) {
    const settings = inputs.loadBalancer;
    if (!settings)
        return {};
    let balancer;
    const real = async () => (await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(586), __webpack_require__.e(700)]).then(__webpack_require__.bind(__webpack_require__, 700))).loadBalancerHost(inputs.aws.region, settings.listenerArn, settings.signIn);
    const make = async () => {
        if (!inputs.dryRun.aws)
            return real();
        return dryRun === 'simulate'
            ? simulatedLoadBalancer(settings.signIn)
            : readOnlyLoadBalancer(await real(), settings.signIn);
    };
    return { balancer: () => (balancer ??= make()) };
}
/** CloudWatch Logs in a region (the awslogs one, else the aws-region input), its SDK loaded at the
 * first failed task; with dry-run-aws nothing is read. */
function logsReader(inputs) {
    return async (region) => {
        if (inputs.dryRun.aws)
            return (await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303), __webpack_require__.e(446)]).then(__webpack_require__.bind(__webpack_require__, 446))).simulatedLogs;
        return (await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303), __webpack_require__.e(446)]).then(__webpack_require__.bind(__webpack_require__, 446))).cloudWatchLogs(region ?? inputs.aws.region);
    };
}
/** ECR in a region, its SDK loaded at the first image a teardown removes; with dry-run-aws the
 * removal is printed. */
function imageRegistry(inputs) {
    // One client a region: a cleanup removes the images of many environments.
    const clients = new Map();
    const make = async (region) => {
        const ecr = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(249), __webpack_require__.e(663)]).then(__webpack_require__.bind(__webpack_require__, 8663));
        return inputs.dryRun.aws ? ecr.printedRegistry : ecr.ecrRegistry(region);
    };
    return (region) => {
        const client = clients.get(region) ?? make(region);
        clients.set(region, client);
        return client;
    };
}
/** The full commit that this repository's service of a PR's commit records, if it records one. */
async function runtime_runningCommit(host, repository, pr, sha) {
    return recordedCommit(await (await host()).describeService((0,resources/* serviceName */.fe)(pr, sha)), repository);
}
/** This repository's environments in the cluster, by their ownership tags. */
async function environments(host, repository) {
    return environmentsOf(await (await host()).listServices(), repository);
}


/***/ })

};
