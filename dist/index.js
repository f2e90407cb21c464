import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1954:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ STALE_IN_PROGRESS_MS),
/* harmony export */   Mw: () => (/* binding */ timeScale),
/* harmony export */   Rn: () => (/* binding */ SYNC_REQUEST_RESERVE),
/* harmony export */   WJ: () => (/* binding */ INPUT_DEFAULTS),
/* harmony export */   jf: () => (/* binding */ CLEANUP_WRITE_BUDGET),
/* harmony export */   nL: () => (/* binding */ scaledTiming),
/* harmony export */   od: () => (/* binding */ githubWriteInterval),
/* harmony export */   v$: () => (/* binding */ DEFAULT_AWS_REGION),
/* harmony export */   vU: () => (/* binding */ UNKNOWN_ACTOR)
/* harmony export */ });
/* unused harmony export DEPLOY_TIMING */
// Every default in one place. action.yml declares the same input defaults for the runner (a test
// keeps the two equal); the code applies them too, because a workflow expression that evaluates
// to '' (`${{ inputs.x }}` on a pull_request event) reaches the action as an empty input.
const INPUT_DEFAULTS = {
    'dry-run-github': 'false',
    'dry-run-aws': 'false',
    'dry-run-docker': 'false',
    'aws-sleep': '0',
    'docker-platform': 'linux/amd64',
    'docker-context': '.',
    'build-cache': 'gha',
    'build-cache-name': 'showtime-cache',
    'capacity-provider': 'FARGATE',
    'container-port': '8080',
    'health-path': '/health',
    ttl: '48h',
    'older-than': '48h',
    'respect-ttl': 'true',
    'sleep-after': 'never',
    'max-environments': '0',
    'allowed-permissions': 'write,maintain,admin',
    comment: 'true',
    deployments: 'true',
    'deployment-environment': 'showtime-preview',
    'adopt-untagged-services': 'false',
    'assign-public-ip': 'true',
    'health-timeout': '15m',
    'health-interval': '5s',
    'deregistration-delay': '30s'
};
/** Used when neither the aws-region input nor the AWS_REGION variable is set. */
const DEFAULT_AWS_REGION = 'us-west-2';
/** A `building` or `deploying` environment older than this was left by a run that died (the job
 * timeout of the example workflow is 90 minutes). */
const STALE_IN_PROGRESS_MS = 2 * 60 * 60 * 1000;
/** The actor recorded when the runner names none. */
const UNKNOWN_ACTOR = 'unknown';
/** How long each wait of a deploy may take, in seconds. */
const DEPLOY_TIMING = {
    /** Waiting for a DRAINING service of the same name to go away before re-creating it. */
    drainTimeout: 300,
    drainPoll: 5,
    /** Readiness check: one health request's timeout (the whole check's and the pause between
     * polls of the task and its health are the health-timeout and health-interval inputs). */
    healthRequestTimeout: 10,
    /** Behind the load balancer, once the new task runs: the pause between reads of its target's
     * health (ELB checks every 5 s, and a target turns healthy right after a check). */
    targetHealthPoll: 2
};
/**
 * SHOWTIME_TIME_SCALE (a number between 0 and 1) shortens every wait above by that factor. It
 * exists for the test suite and the demo, which run against emulators that answer in milliseconds.
 */
function timeScale(env) {
    const value = Number(env.SHOWTIME_TIME_SCALE);
    return value > 0 && value <= 1 ? value : 1;
}
/** The deploy's waits at a time scale; one request's timeout is not shortened: the app takes as
 * long to answer whatever the scale. */
function scaledTiming(scale, health) {
    const waits = {
        ...DEPLOY_TIMING,
        healthTimeout: health.timeoutSeconds,
        healthInterval: health.intervalSeconds
    };
    return Object.fromEntries(Object.entries(waits).map(([key, value]) => [
        key,
        key === 'healthRequestTimeout' ? value : value * scale
    ]));
}
/** SHOWTIME_GITHUB_WRITE_INTERVAL_MS overrides the 1 s (3 s for comments) spacing that the
 * throttling plugin keeps between GitHub writes; for the test suite against the emulator. */
function githubWriteInterval(env) {
    const value = Number(env.SHOWTIME_GITHUB_WRITE_INTERVAL_MS);
    return env.SHOWTIME_GITHUB_WRITE_INTERVAL_MS !== undefined && value >= 0 ? value : undefined;
}
/** A sync (or the check before it) with work to do does not start with fewer GitHub requests left
 * than this: a roll-over takes about 25, and the rest is left to the repository's other runs. */
const SYNC_REQUEST_RESERVE = 50;
/** GitHub allows 500 content-creating requests an hour: one cleanup run plans no more writes than
 * that, and leaves whole actions beyond it for the next run. */
const CLEANUP_WRITE_BUDGET = 500;


/***/ }),

/***/ 8558:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Wu: () => (/* binding */ addressingOf),
  mJ: () => (/* binding */ commitSha),
  K9: () => (/* binding */ prNumber),
  Ko: () => (/* binding */ readInputs)
});

// UNUSED EXPORTS: MODES, imageRepository

// EXTERNAL MODULE: ./src/domain/sign-in.ts
var sign_in = __nccwpck_require__(507);
;// CONCATENATED MODULE: ./src/domain/source-cidrs.ts
// Who may open a preview behind the load balancer: the allowed-source-cidrs input, written as a
// `source-ip` condition of the PR's listener rule beside its host-header condition. ELB allows 5
// condition values per rule (not adjustable); the host takes one and, while a commit is pending,
// the pending header another, which leaves 3 for the CIDRs. A CIDR is IPv4 (`203.0.113.0/24`) or
// IPv6 (`2001:db8::/32`), written as its network address: one with host bits set is refused, as it
// would admit more or other addresses than its writer may think.
/** ELB's condition values per rule, less the host and the pending header. */
const MAX_SOURCE_CIDRS = 3;
/** The CIDRs of the input (comma- or newline-separated), or the one problem to report. */
function parseSourceCidrs(value) {
    const items = value
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    const cidrs = [];
    for (const item of items) {
        const problem = cidrProblem(item);
        if (problem !== undefined)
            return { problem: `"${[...item].slice(0, 60).join('')}" ${problem}` };
        if (!cidrs.includes(item.toLowerCase()))
            cidrs.push(item.toLowerCase());
    }
    if (cidrs.length > MAX_SOURCE_CIDRS)
        return {
            problem: `lists ${cidrs.length} CIDRs; a listener rule takes at most ${MAX_SOURCE_CIDRS} (ELB allows 5 condition values per rule, and the host and the pending header take two)`
        };
    return { cidrs };
}
/** What is wrong with one CIDR, or undefined. */
function cidrProblem(cidr) {
    const slash = cidr.split('/');
    if (slash.length !== 2)
        return 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32';
    const [address = '', prefixText = ''] = slash;
    if (!/^\d{1,3}$/.test(prefixText))
        return 'has no prefix length after the /';
    const prefix = Number(prefixText);
    const bits = address.includes(':') ? ipv6Bits(address) : ipv4Bits(address);
    if (bits === undefined)
        return 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32';
    if (prefix > bits.length)
        return `has a prefix length over ${bits.length}`;
    if (bits.slice(prefix).includes('1'))
        return `has host bits set: its network is ${networkOf(address, bits, prefix)}`;
    return undefined;
}
function ipv4Bits(address) {
    const parts = address.split('.');
    if (parts.length !== 4)
        return undefined;
    if (parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255))
        return undefined;
    return parts.map((p) => Number(p).toString(2).padStart(8, '0')).join('');
}
function ipv6Bits(address) {
    const halves = address.toLowerCase().split('::');
    if (halves.length > 2)
        return undefined;
    const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
    if (groups.flat().some((g) => !/^[0-9a-f]{1,4}$/.test(g)))
        return undefined;
    const [head = [], tail = []] = groups;
    const given = head.length + tail.length;
    if (halves.length === 1 ? given !== 8 : given > 7)
        return undefined;
    const all = [...head, ...Array(8 - given).fill('0'), ...tail];
    return all.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
}
/** The network a CIDR with host bits set stands for, to suggest it. */
function networkOf(address, bits, prefix) {
    const network = bits.slice(0, prefix).padEnd(bits.length, '0');
    if (!address.includes(':'))
        return `${[0, 8, 16, 24].map((i) => parseInt(network.slice(i, i + 8), 2)).join('.')}/${prefix}`;
    const groups = Array.from({ length: 8 }, (_, i) => parseInt(network.slice(i * 16, i * 16 + 16), 2).toString(16));
    return `${groups.join(':')}/${prefix}`;
}

// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __nccwpck_require__(1954);
// EXTERNAL MODULE: ./src/domain/build-cache.ts
var build_cache = __nccwpck_require__(7847);
// EXTERNAL MODULE: ./src/domain/capacity.ts
var capacity = __nccwpck_require__(8534);
// EXTERNAL MODULE: ./src/domain/labels.ts
var labels = __nccwpck_require__(5745);
// EXTERNAL MODULE: ./src/domain/pull-request.ts
var pull_request = __nccwpck_require__(2901);
// EXTERNAL MODULE: ./src/domain/sleep.ts
var sleep = __nccwpck_require__(7415);
// EXTERNAL MODULE: ./src/domain/ttl.ts
var ttl = __nccwpck_require__(8140);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/config/inputs.ts
// Reads and validates every input into one typed value; an empty input takes its default from
// defaults.ts. Each mistake becomes one readable line naming the input and what it accepts.










const MODES = ['check', 'sync', 'set-state', 'cleanup', 'warm-cache'];
/** Where the environments of this run answer. */
function addressingOf(inputs) {
    return inputs.loadBalancer
        ? {
            kind: 'load-balancer',
            previewDomain: inputs.loadBalancer.previewDomain,
            containerPort: inputs.containerPort
        }
        : { kind: 'task', containerPort: inputs.containerPort };
}
// A full commit: approvals, targets and the environments' records compare all 40 characters (a
// 7-character prefix can be forged by a fork in seconds).
const SHA = /^[0-9a-fA-F]{40}$/;
const PR_NUMBER = /^[1-9]\d{0,9}$/;
const WHOLE_NUMBER = /^\d{1,10}$/;
const SECONDS = /^\d{1,5}(?:\.\d{1,3})?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const CLUSTER = /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;
// Docker's reference grammar: a registry host (letters of any case, digits, dots, hyphens, an
// optional port) only when the first component looks like one, then lower-case path components
// joined by `.`, `_`, `__` or runs of `-`.
const REGISTRY_HOST = /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+:\d+)(?::\d{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOCKER_TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?(?:,[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?)*$/;
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FLAG_PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;
const HEALTH_PATH = /^\/[^\s]*$/;
const ENVIRONMENT = /^[A-Za-z0-9_.{}-]{1,200}$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}\/[0-9a-f]{16}$/;
// DNS labels of letters, digits and inner hyphens; at most 100 characters, so that the host
// pr-{n}.{domain} stays within the 128 characters of a listener rule's host condition.
const DOMAIN = /^(?=.{1,100}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/**
 * The inputs without a default that a mode needs. They name things only the adopting repository
 * knows (its cluster, network and registry), so an empty one fails before any request; AWS's
 * are not needed when dry-run-aws skips AWS. check asks for what sync will need, so that nothing
 * is built for a sync that cannot run.
 */
function neededInputs(mode, dryRunAws, cacheBackend) {
    const aws = dryRunAws ? [] : ['ecs-cluster', 'subnets', 'security-groups'];
    switch (mode) {
        case 'warm-cache':
            return new Set(cacheBackend === 'registry' ? ['image-repository'] : []);
        case 'check':
        case 'sync':
            return new Set([...aws, 'image-repository']);
        case 'cleanup':
            return new Set(['ecs-cluster']);
        case 'set-state':
            return new Set();
    }
}
/** Reads the mode first, so that `mode: bogus` fails before anything else is looked at. */
function readInputs(read, env = {}) {
    const get = (name) => read(name).trim() || defaults/* INPUT_DEFAULTS */.WJ[name] || '';
    const mode = oneOf(get, 'mode', MODES);
    const state = optional(get, 'state', (v) => oneOf(() => v, 'state', labels/* WRITTEN_STATUSES */.RR));
    if (mode === 'set-state' && state === undefined) {
        throw new errors/* InputError */.d(`Input "state" is required with mode set-state: one of ${labels/* WRITTEN_STATUSES */.RR.join(', ')}.`);
    }
    const githubToken = required(get, 'github-token', 'a GitHub token (the default, github.token, is right)');
    const dryRun = {
        github: inputs_boolean(get, 'dry-run-github'),
        aws: inputs_boolean(get, 'dry-run-aws'),
        docker: inputs_boolean(get, 'dry-run-docker')
    };
    const cacheBackend = oneOf(get, 'build-cache', build_cache/* CACHE_BACKENDS */.bK);
    const needed = neededInputs(mode, dryRun.aws, cacheBackend);
    const needs = (name, parse, empty) => {
        if (get(name) !== '')
            return parse();
        if (!needed.has(name))
            return empty;
        throw new errors/* InputError */.d(`Input "${name}" is required by mode ${mode}${dryRun.aws ? '' : ' (unless dry-run-aws)'}: set it to ${NEEDED_WHAT[name] ?? 'a value'}.`);
    };
    return {
        mode,
        githubToken,
        ...optionalField('prNumber', optional(get, 'pr-number', (v) => prNumber(v, 'pr-number'))),
        ...optionalField('sha', optional(get, 'sha', (v) => commitSha(v, 'sha'))),
        ...optionalField('state', state),
        errorMessage: get('error-message'),
        dryRun,
        awsSleepSeconds: seconds(get, 'aws-sleep'),
        aws: {
            region: matching(() => get('aws-region') || env.AWS_REGION || defaults/* DEFAULT_AWS_REGION */.v$, 'aws-region', REGION, 'an AWS region such as us-west-2'),
            cluster: needs('ecs-cluster', () => matching(get, 'ecs-cluster', CLUSTER, NEEDED_WHAT['ecs-cluster']), ''),
            subnets: needs('subnets', () => list(get, 'subnets', SUBNET, NEEDED_WHAT.subnets), []),
            securityGroups: needs('security-groups', () => list(get, 'security-groups', SECURITY_GROUP, NEEDED_WHAT['security-groups']), []),
            ...optionalField('taskDefinitionPath', get('task-definition') || undefined),
            adoptUntaggedServices: inputs_boolean(get, 'adopt-untagged-services'),
            assignPublicIp: publicIp(get),
            capacityProvider: oneOf(get, 'capacity-provider', capacity/* CAPACITY_PROVIDERS */.Y$)
        },
        ...optionalField('loadBalancer', loadBalancer(get)),
        docker: {
            imageRepository: needs('image-repository', () => imageRepository(get('image-repository')), ''),
            ...optionalField('target', optional(get, 'docker-target', (v) => matching(() => v, 'docker-target', DOCKER_TARGET, 'a Dockerfile stage name'))),
            platform: matching(get, 'docker-platform', PLATFORM, 'platforms such as linux/amd64'),
            buildArgs: buildArgs(get('build-args')),
            context: required(get, 'docker-context', 'a directory'),
            ...optionalField('dockerfile', optional(get, 'dockerfile', (v) => dockerfilePath(v))),
            cache: {
                backend: cacheBackend,
                name: matching(get, 'build-cache-name', build_cache/* CACHE_NAME */.bz, 'a name of letters, digits, _ . and - (at most 100), such as showtime-cache'),
                ...optionalField('from', optional(get, 'cache-from', (v) => cacheValues(v, 'cache-from'))),
                ...optionalField('to', optional(get, 'cache-to', (v) => cacheValues(v, 'cache-to')))
            },
            ghaCacheAvailable: Boolean(env.ACTIONS_RUNTIME_TOKEN)
        },
        ...optionalField('featureFlagPrefix', optional(get, 'feature-flag-prefix', (v) => matching(() => v, 'feature-flag-prefix', FLAG_PREFIX, 'an environment variable prefix such as SUPERSET_FEATURE_'))),
        containerPort: port(get, 'container-port'),
        healthPath: matching(get, 'health-path', HEALTH_PATH, 'a path starting with /'),
        ...healthWindow(get),
        deregistrationDelaySeconds: deregistrationDelay(get),
        ttl: inputs_ttl(get, 'ttl', true),
        olderThan: inputs_ttl(get, 'older-than', false),
        respectTtl: inputs_boolean(get, 'respect-ttl'),
        sleepAfter: sleepAfter(get),
        maxEnvironments: wholeNumber(get, 'max-environments'),
        allowedPermissions: permissions(get, 'allowed-permissions'),
        comment: inputs_boolean(get, 'comment'),
        deployments: inputs_boolean(get, 'deployments'),
        deploymentEnvironment: matching(get, 'deployment-environment', ENVIRONMENT, 'an environment name (letters, digits, - _ . and {pr})')
    };
}
const NEEDED_WHAT = {
    'ecs-cluster': 'an ECS cluster name or ARN',
    subnets: 'subnet IDs such as subnet-0123456789abcdef0, separated by commas',
    'security-groups': 'security group IDs such as sg-0123456789abcdef0, separated by commas',
    'image-repository': 'the image repository the build pushes to, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app or ghcr.io/my-org/my-app'
};
function optionalField(key, value) {
    return (value === undefined ? {} : { [key]: value });
}
function optional(get, name, parse) {
    const value = get(name);
    return value === '' ? undefined : parse(value);
}
function required(get, name, accepted) {
    const value = get(name);
    if (value === '')
        throw new errors/* InputError */.d(`Input "${name}" is empty: expected ${accepted}.`);
    return value;
}
function oneOf(get, name, values) {
    const value = get(name);
    if (values.includes(value))
        return value;
    throw new errors/* InputError */.d(`Input "${name}" must be one of ${values.join(', ')}; got ${quote(value)}.`);
}
function matching(get, name, pattern, accepted) {
    const value = get(name);
    if (pattern.test(value))
        return value;
    throw new errors/* InputError */.d(`Input "${name}" must be ${accepted}; got ${quote(value)}.`);
}
/** The image repository the build pushes to: one line that says what is wrong when it is not. */
function imageRepository(value) {
    const bad = (why) => new errors/* InputError */.d(`Input "image-repository" ${why}; got ${quote(value)}.`);
    if (/\s/.test(value))
        throw bad('must not contain spaces or new lines');
    if (value.includes('@'))
        throw bad('must not carry a digest (@sha256:…)');
    if (value.length > 255)
        throw bad('must be at most 255 characters');
    const components = value.split('/');
    const host = components.length > 1 && REGISTRY_HOST.test(components[0]) ? components[0] : undefined;
    const path = host === undefined ? components : components.slice(1);
    const last = path.at(-1) ?? '';
    if (last.includes(':'))
        throw bad(`must not carry a tag (":${last.split(':').pop()}"): Showtime tags each image pr-{pr}-{sha}-ci`);
    for (const component of path) {
        if (component === '')
            throw bad('has an empty path component (a leading, trailing or double /)');
        if (/[A-Z]/.test(component))
            throw bad(`must be lower case after the registry host ("${component}"): Docker rejects upper-case repository names`);
        if (!PATH_COMPONENT.test(component))
            throw bad(`has an invalid path component "${component}": use lower-case letters and digits, separated by ., _, __ or -`);
    }
    return value;
}
function prNumber(value, name) {
    if (PR_NUMBER.test(value) && Number(value) <= 2_147_483_647)
        return Number(value);
    throw new errors/* InputError */.d(`Input "${name}" must be a pull request number (a positive whole number); got ${quote(value)}.`);
}
function commitSha(value, name) {
    if (SHA.test(value))
        return value.toLowerCase();
    throw new errors/* InputError */.d(`Input "${name}" must be a full commit SHA of 40 hex characters; got ${quote(value)}.`);
}
/** buildx cache values, one a line (as docker/build-push-action takes them). */
function dockerfilePath(value) {
    if (/[\r\n]/.test(value))
        throw new errors/* InputError */.d(`Input "dockerfile" must be one path, such as docker/Dockerfile.preview; got ${quote(value)}.`);
    return value;
}
function cacheValues(value, name) {
    const lines = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const bad = lines.find((line) => !/^\S+$/.test(line));
    if (bad !== undefined)
        throw new errors/* InputError */.d(`Input "${name}" must hold buildx cache values such as type=gha,scope=x, one a line, without spaces; got ${quote(bad)}.`);
    return lines;
}
function inputs_boolean(get, name) {
    const value = get(name);
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* InputError */.d(`Input "${name}" must be true or false; got ${quote(value)}.`);
}
function wholeNumber(get, name) {
    const value = get(name);
    if (WHOLE_NUMBER.test(value))
        return Number(value);
    throw new errors/* InputError */.d(`Input "${name}" must be a whole number, 0 or more; got ${quote(value)}.`);
}
function seconds(get, name) {
    const value = get(name);
    if (SECONDS.test(value))
        return Number(value);
    throw new errors/* InputError */.d(`Input "${name}" must be a number of seconds, 0 or more; got ${quote(value)}.`);
}
function port(get, name) {
    const value = get(name);
    const n = Number(value);
    if (WHOLE_NUMBER.test(value) && n >= 1 && n <= 65535)
        return n;
    throw new errors/* InputError */.d(`Input "${name}" must be a port from 1 to 65535; got ${quote(value)}.`);
}
const DURATION = /^(\d{1,5})(s|m|h)$/;
const DURATION_SECONDS = { s: 1, m: 60, h: 3600 };
/** `90s`, `10m`, `1h`: seconds, from 1 s to 2 h. */
function duration(get, name) {
    const value = get(name);
    const m = DURATION.exec(value);
    const seconds = m ? Number(m[1]) * DURATION_SECONDS[m[2]] : NaN;
    if (seconds >= 1 && seconds <= 7200)
        return seconds;
    throw new errors/* InputError */.d(`Input "${name}" must be a duration from 1s to 2h such as 30s, 10m or 1h; got ${quote(value)}.`);
}
/** Both inputs or neither: a listener needs the domain its rules answer, and the other way. */
function loadBalancer(get) {
    const listener = get('load-balancer-listener-arn');
    const domain = get('preview-domain').toLowerCase();
    const allowedSourceCidrs = sourceCidrs(get);
    const signIn = authentication(get);
    if (listener === '' && domain === '') {
        if (allowedSourceCidrs.length > 0)
            throw new errors/* InputError */.d('Input "allowed-source-cidrs" needs load-balancer-listener-arn: only the load balancer\'s rules can restrict who reaches a preview.');
        if (signIn !== undefined)
            throw new errors/* InputError */.d('Input "load-balancer-authentication" needs load-balancer-listener-arn: only the load balancer\'s rules can sign users in.');
        return undefined;
    }
    if (domain === '')
        throw new errors/* InputError */.d('Input "preview-domain" is required with load-balancer-listener-arn: set it to the domain of the wildcard DNS record, such as preview.example.com.');
    if (listener === '')
        throw new errors/* InputError */.d('Input "load-balancer-listener-arn" is required with preview-domain: set it to the ARN of the shared HTTPS listener.');
    return {
        listenerArn: matching(() => listener, 'load-balancer-listener-arn', LISTENER_ARN, "the ARN of an Application Load Balancer's listener"),
        previewDomain: matching(() => domain, 'preview-domain', DOMAIN, 'a domain name such as preview.example.com (at most 100 characters)'),
        allowedSourceCidrs,
        ...optionalField('signIn', signIn)
    };
}
/** The load-balancer-authentication input: one ELB authenticate action as JSON. Its refusal
 * never quotes the value, which holds the client secret. */
function authentication(get) {
    const parsed = (0,sign_in/* parseSignIn */.MQ)(get('load-balancer-authentication'));
    if ('problem' in parsed)
        throw new errors/* InputError */.d(`Input "load-balancer-authentication" is refused: ${parsed.problem}.`);
    return parsed.signIn;
}
/** The allowed-source-cidrs input: at most MAX_SOURCE_CIDRS network CIDRs. */
function sourceCidrs(get) {
    const parsed = parseSourceCidrs(get('allowed-source-cidrs'));
    if ('problem' in parsed)
        throw new errors/* InputError */.d(`Input "allowed-source-cidrs" is refused: ${parsed.problem}.`);
    return parsed.cidrs;
}
/** Tasks without a public IP are reachable only through the load balancer. */
function publicIp(get) {
    const assign = inputs_boolean(get, 'assign-public-ip');
    if (!assign && get('load-balancer-listener-arn') === '')
        throw new errors/* InputError */.d('Input "assign-public-ip" may be false only with load-balancer-listener-arn: without a load balancer, the task is reached at its public IP.');
    return assign;
}
function healthWindow(get) {
    const healthTimeoutSeconds = duration(get, 'health-timeout');
    const healthIntervalSeconds = duration(get, 'health-interval');
    if (healthIntervalSeconds > healthTimeoutSeconds) {
        throw new errors/* InputError */.d(`Input "health-interval" (${get('health-interval')}) must not be longer than health-timeout (${get('health-timeout')}).`);
    }
    return { healthTimeoutSeconds, healthIntervalSeconds };
}
/** ELB's `deregistration_delay.timeout_seconds`: 0 s to 1 h. */
function deregistrationDelay(get) {
    const name = 'deregistration-delay';
    const value = get(name);
    const m = DURATION.exec(value);
    const seconds = m ? Number(m[1]) * DURATION_SECONDS[m[2]] : NaN;
    if (seconds >= 0 && seconds <= 3600)
        return seconds;
    throw new errors/* InputError */.d(`Input "${name}" must be a duration from 0s to 1h such as 30s; got ${quote(value)}.`);
}
function sleepAfter(get) {
    const value = get('sleep-after');
    const parsed = (0,sleep/* parseSleepAfter */.jI)(value);
    if (parsed)
        return parsed;
    throw new errors/* InputError */.d(`Input "sleep-after" must be never or an idle time from 5m to 14d such as 30m, 2h or 1d; got ${quote(value)}.`);
}
function inputs_ttl(get, name, allowClose) {
    const value = get(name);
    const parsed = (0,ttl/* parseTtl */.Kw)(value);
    if (parsed && (allowClose || parsed.kind !== 'close'))
        return parsed;
    const accepted = allowClose
        ? 'a lifetime such as 24h, 2d, 1w, or close'
        : 'an age such as 24h, 2d or 1w';
    throw new errors/* InputError */.d(`Input "${name}" must be ${accepted}; got ${quote(value)}.`);
}
function list(get, name, pattern, accepted) {
    const items = splitList(get(name));
    const bad = items.find((item) => !pattern.test(item));
    if (items.length === 0 || bad !== undefined) {
        throw new errors/* InputError */.d(`Input "${name}" must list ${accepted}; got ${quote(bad ?? '')}.`);
    }
    return items;
}
function permissions(get, name) {
    const allowed = pull_request/* PERMISSIONS */.J.filter((p) => p !== 'none');
    const items = splitList(get(name));
    const bad = items.find((item) => !allowed.includes(item));
    if (items.length === 0 || bad !== undefined) {
        throw new errors/* InputError */.d(`Input "${name}" must list roles from ${allowed.join(', ')}; got ${quote(bad ?? '')}.`);
    }
    return [...new Set(items)];
}
function splitList(value) {
    return value
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
function buildArgs(value) {
    return value
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => {
        const eq = line.indexOf('=');
        const name = eq === -1 ? line : line.slice(0, eq);
        if (eq === -1 || !BUILD_ARG_NAME.test(name)) {
            throw new errors/* InputError */.d(`Input "build-args" must hold one KEY=VALUE per line; got ${quote(line)}.`);
        }
        return { name, value: line.slice(eq + 1) };
    });
}
/** Quote a value for an error line: one line, at most 60 characters, control characters escaped;
 * cut between characters, never inside one. */
function quote(value) {
    const json = [...JSON.stringify(value)];
    return json.length > 62 ? `${json.slice(0, 59).join('')}…"` : json.join('');
}


/***/ }),

/***/ 7847:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kj: () => (/* binding */ cacheWriterRefusal),
/* harmony export */   bK: () => (/* binding */ CACHE_BACKENDS),
/* harmony export */   bz: () => (/* binding */ CACHE_NAME),
/* harmony export */   ju: () => (/* binding */ cacheScope),
/* harmony export */   pv: () => (/* binding */ cacheArguments)
/* harmony export */ });
/* unused harmony export readScopes */
// The build cache: which caches a build reads and which one it writes. The default branch's cache
// is written only by a trusted run of the default branch (mode warm-cache); a PR's build reads it
// and its own PR's cache, and writes only its own PR's. Under pull_request_target every PR's
// build runs on the base branch's ref, where GitHub's cache has no per-PR isolation: the scope (a
// registry tag for the registry cache) is what keeps one PR's layers out of what the default
// branch and the other PRs read.
const CACHE_BACKENDS = ['gha', 'registry', 'none'];
/** A scope or tag name: a Docker tag (which also fits a gha scope), short enough for the PR
 * suffix, and without the commas and `=` of buildx's CSV values. */
const CACHE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
/** The scope (gha) or tag (registry) the owner's build writes. */
function cacheScope(name, owner) {
    return owner.kind === 'pull-request' ? `${name}-pr-${owner.pr}` : name;
}
/** The scopes the owner's build reads: a PR's own first, then the default branch's. */
function readScopes(name, owner) {
    return owner.kind === 'pull-request' ? [cacheScope(name, owner), name] : [name];
}
/** The `--cache-from` and `--cache-to` values of one build. */
function cacheArguments(settings, owner, facts) {
    const generated = generatedArguments(settings, owner, facts);
    return {
        from: settings.from ?? generated.from,
        to: settings.to ?? generated.to,
        ...(generated.note !== undefined &&
            (settings.from === undefined || settings.to === undefined) && { note: generated.note })
    };
}
function generatedArguments({ backend, name }, owner, { imageRepository, ghaAvailable }) {
    const written = cacheScope(name, owner);
    switch (backend) {
        case 'none':
            return { from: [], to: [] };
        case 'gha':
            if (!ghaAvailable)
                return {
                    from: [],
                    to: [],
                    note: 'the GitHub Actions cache service is not available to this step (no ACTIONS_RUNTIME_TOKEN)'
                };
            return {
                from: readScopes(name, owner).map((scope) => `type=gha,scope=${scope}`),
                to: [`type=gha,scope=${written},mode=max,ignore-error=true`]
            };
        case 'registry': {
            const ref = (tag) => `${imageRepository}:${tag}`;
            return {
                from: readScopes(name, owner).map((tag) => `type=registry,ref=${ref(tag)}`),
                // ECR needs an image manifest in OCI media types; Docker Hub and GHCR take it too.
                to: [
                    `type=registry,ref=${ref(written)},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`
                ]
            };
        }
    }
}
/** Events whose runs execute the default branch's own workflow and code. */
const TRUSTED_EVENTS = ['push', 'workflow_dispatch'];
/** Why this run may not write the default branch's cache, or undefined when it may: only a push
 * to the default branch (or a dispatch on it) runs code that every PR may then build on. */
function cacheWriterRefusal(run) {
    if (!TRUSTED_EVENTS.includes(run.eventName))
        return `mode warm-cache writes the cache every PR reads: it runs only on ${TRUSTED_EVENTS.join(' or ')} of the default branch, not on ${run.eventName || 'an unknown event'}`;
    if (!run.defaultBranch)
        return `mode warm-cache cannot tell the repository's default branch: the ${run.eventName} event names none`;
    if (run.ref !== `refs/heads/${run.defaultBranch}`)
        return `mode warm-cache writes the default branch's cache: it runs on ${run.defaultBranch}, not on ${run.ref || 'an unknown ref'}`;
    return undefined;
}


/***/ }),

/***/ 8534:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G6: () => (/* binding */ spotShortage),
/* harmony export */   Y$: () => (/* binding */ CAPACITY_PROVIDERS),
/* harmony export */   YG: () => (/* binding */ ON_DEMAND),
/* harmony export */   x: () => (/* binding */ usesSpot),
/* harmony export */   xc: () => (/* binding */ placementOf)
/* harmony export */ });
// Where a preview's task runs: on-demand Fargate (the default, as ECS's `launchType: FARGATE`), or
// Fargate Spot through a capacity provider strategy. ECS never moves a service from Spot to
// on-demand by itself: when Spot has no capacity it keeps retrying the placement and says so in the
// service's events; `spotShortage` reads those events, and the deploy then moves the service to
// the on-demand capacity provider.
const CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];
/** The placement a new service of this capacity provider gets: on-demand Fargate keeps the launch
 * type services have always had. */
function placementOf(provider) {
    return provider === 'FARGATE_SPOT'
        ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }
        : { launchType: 'FARGATE' };
}
/** Where a service that Spot could not place moves: the on-demand capacity provider (a service on
 * a capacity provider strategy can change strategy, not go back to a launch type, with a forced
 * new deployment). */
const ON_DEMAND = {
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }]
};
/** A placement that can run out of capacity, and so needs watching. */
function usesSpot(placement) {
    return ('capacityProviderStrategy' in placement &&
        placement.capacityProviderStrategy.some((item) => item.capacityProvider === 'FARGATE_SPOT' && item.weight > 0));
}
/** ECS's words when Fargate has no capacity for a task: "(service x) was unable to place a task.
 * Reason: Capacity is unavailable at this time. Please try again later or in a different
 * availability zone." */
const UNPLACED = /unable to place a task/i;
const NO_CAPACITY = /capacity is unavailable/i;
/** The event that says Spot could not place a task since `sinceMs`, if one does. */
function spotShortage(events, sinceMs) {
    return events.find((e) => e.createdAt >= sinceMs && UNPLACED.test(e.message) && NO_CAPACITY.test(e.message));
}


/***/ }),

/***/ 5745:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ EMOJI),
/* harmony export */   A$: () => (/* binding */ TRIGGER_STOP),
/* harmony export */   Gu: () => (/* binding */ TRIGGER_START),
/* harmony export */   HD: () => (/* binding */ isShowtimeLabel),
/* harmony export */   Q_: () => (/* binding */ parseLabel),
/* harmony export */   RR: () => (/* binding */ WRITTEN_STATUSES),
/* harmony export */   S2: () => (/* binding */ SLEEPING),
/* harmony export */   SI: () => (/* binding */ isPerShaLabel),
/* harmony export */   Yn: () => (/* binding */ TENT),
/* harmony export */   hl: () => (/* binding */ BLOCKED),
/* harmony export */   kY: () => (/* binding */ FREEZE),
/* harmony export */   lu: () => (/* binding */ parseCreatedAt),
/* harmony export */   r4: () => (/* binding */ STATIC_LABELS),
/* harmony export */   wR: () => (/* binding */ formatLabel),
/* harmony export */   zO: () => (/* binding */ formatCreatedAt)
/* harmony export */ });
/* unused harmony exports SUGGESTED_TTLS, VARIATION_SELECTOR, MAX_LABEL_LENGTH, LEGACY_PORT, isShortSha, labelLength, isValidCreatedAt, typedWithVariationSelector, MAX_LOGIN_IN_LABEL, fitLogin */
// The label grammar. Every Showtime label text is defined, parsed and formatted here and nowhere
// else. Texts are byte-compatible with the Python tool superset-showtime 0.7.1, which a repository
// may still be running side by side: exact code points matter (U+FE0F on 🏗️, none on ⚡ and ⌛).
const TENT = '\u{1F3AA}'; // 🎪
const EMOJI = {
    start: '\u26A1', // ⚡ (no U+FE0F)
    stop: '\u{1F6D1}', // 🛑
    freeze: '\u{1F9CA}', // 🧊
    blocked: '\u{1F512}', // 🔒
    ttl: '\u231B', // ⌛ (no U+FE0F)
    status: '\u{1F6A6}', // 🚦
    created: '\u{1F4C5}', // 📅
    ip: '\u{1F310}', // 🌐
    requester: '\u{1F921}', // 🤡
    pointer: '\u{1F3AF}', // 🎯
    buildingPointer: '\u{1F3D7}\uFE0F' // 🏗️ (legacy, read only)
};
const TRIGGER_START = `${TENT} ${EMOJI.start} showtime-trigger-start`;
const TRIGGER_STOP = `${TENT} ${EMOJI.stop} showtime-trigger-stop`;
const FREEZE = `${TENT} ${EMOJI.freeze} showtime-freeze`;
const BLOCKED = `${TENT} ${EMOJI.blocked} showtime-blocked`;
/** The TTL labels offered as repository label definitions. Any valid `🎪 ⌛ {ttl}` is read. */
const SUGGESTED_TTLS = ['24h', '48h', '72h', '1w', 'close'];
/** Labels whose repository definitions always exist (cleanup creates them with their colours). */
const STATIC_LABELS = [
    TRIGGER_START,
    TRIGGER_STOP,
    FREEZE,
    BLOCKED,
    ...SUGGESTED_TTLS.map((value) => `${TENT} ${EMOJI.ttl} ${value}`)
];
/** The emoji variation selector. Some keyboards and emoji pickers add it after ⚡, ⌛ or 🛑; GitHub
 * keeps a name typed with it as a label of its own, which is not Showtime's. */
const VARIATION_SELECTOR = '\uFE0F';
/** GitHub rejects label names longer than 50 characters. We count both code points and UTF-16
 * units and keep both within the limit, since GitHub does not document which one it counts. */
const MAX_LABEL_LENGTH = 50;
/** The port the Python tool always served on, implied by address labels written without one. */
const LEGACY_PORT = 8080;
/** Status values this tool writes. `built` and `updating` are read from older tools. */
const WRITTEN_STATUSES = ['building', 'deploying', 'running', 'failed'];
/** The status of an environment scaled to zero tasks by the cleanup (sleep-after): only the
 * cleanup writes it, and only the start trigger or a teardown takes it off. Not a set-state value. */
const SLEEPING = 'sleeping';
const SHORT_SHA = /^[0-9a-f]{7}$/;
const STATUS_VALUE = /^[a-z][a-z-]{0,19}$/;
const TTL_VALUE = /^(?:\d{1,4}[hdw]|close)$/i;
const CREATED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const DASHED_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)-){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// GitHub logins: alphanumerics and single hyphens; bot actors carry a `[bot]` suffix.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\]|…)?$/;
const ELLIPSIS = '…';
const BOT_SUFFIX = '[bot]';
function isShortSha(value) {
    return SHORT_SHA.test(value);
}
function isShowtimeLabel(name) {
    return name.startsWith(TENT);
}
/** Length as GitHub may count it: the larger of code points and UTF-16 units, which is always the
 * UTF-16 count (a code point takes one or two units). */
function labelLength(name) {
    return name.length;
}
/** 📅 times hold four-digit years from 1970, the Unix epoch, on: no tool wrote an earlier one, and
 * `Date.UTC` would read a year below 100 as 19xx. */
const FIRST_CREATED_YEAR = 1970;
const LAST_CREATED_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** The UTC time of a `YYYY-MM-DDTHH-MM` value, or undefined unless every field is in its range. */
function readCreatedAt(value) {
    const m = CREATED_AT.exec(value);
    if (!m)
        return undefined;
    const [year, month, day, hour, minute] = m.slice(1).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const inRange = year >= FIRST_CREATED_YEAR &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= daysInMonth &&
        hour <= 23 &&
        minute <= 59;
    return inRange ? Date.UTC(year, month - 1, day, hour, minute) : undefined;
}
function isValidCreatedAt(value) {
    return readCreatedAt(value) !== undefined;
}
/** `2024-01-15T14-30`: UTC, minute precision, a dash between hour and minute. Throws for a time
 * outside the years 1970 to 9999, which the format cannot hold. */
function formatCreatedAt(epochMs) {
    if (!(epochMs >= 0 && epochMs <= LAST_CREATED_MS)) {
        throw new RangeError(`${epochMs} is outside the years 1970 to 9999 of a 📅 label`);
    }
    const iso = new Date(epochMs).toISOString(); // 2024-01-15T14:30:59.123Z
    return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`;
}
function parseCreatedAt(value) {
    return readCreatedAt(value);
}
/**
 * Parse one label name. Never throws: anything that starts with 🎪 but does not follow the grammar
 * comes back as `unknown` with a reason, anything else as `foreign`.
 */
function parseLabel(name) {
    if (typeof name !== 'string' || !isShowtimeLabel(name))
        return { kind: 'foreign' };
    switch (name) {
        case TRIGGER_START:
            return { kind: 'trigger', trigger: 'start' };
        case TRIGGER_STOP:
            return { kind: 'trigger', trigger: 'stop' };
        case FREEZE:
            return { kind: 'freeze' };
        case BLOCKED:
            return { kind: 'blocked' };
    }
    const intended = typedWithVariationSelector(name);
    if (intended !== undefined) {
        return unknown(`typed with the emoji variation selector U+FE0F, so it is not Showtime's "${intended}": add that label from the label picker instead`);
    }
    const tokens = name.split(' ');
    if (tokens[0] !== TENT)
        return unknown('no space after 🎪');
    if (tokens.some((token) => token === ''))
        return unknown('extra spaces');
    // Stryker disable next-line StringLiteral: only `🎪` alone has no second token, and any default that is not a SHA reads it as the same unknown label
    const second = tokens[1] ?? '';
    const [third = '', ...rest] = tokens.slice(2);
    if (SHORT_SHA.test(second))
        return parseShaFirst(second, third, rest);
    return parseEmojiFirst(second, third, rest);
}
/**
 * The label a user meant when they typed a trigger, freeze, blocked or TTL label with variation
 * selectors (`🎪 ⚡️ showtime-trigger-start`): the same name without them. Undefined for any other
 * name; the 🏗️ pointer, whose emoji carries one by right, is read as it is.
 */
function typedWithVariationSelector(name) {
    if (!name.includes(VARIATION_SELECTOR))
        return undefined;
    const intended = name.replaceAll(VARIATION_SELECTOR, '');
    const meant = parseLabel(intended).kind;
    return meant === 'trigger' || meant === 'freeze' || meant === 'blocked' || meant === 'ttl'
        ? intended
        : undefined;
}
function parseShaFirst(sha, emoji, rest) {
    // Stryker disable next-line StringLiteral: the value is read only when `rest` holds one token
    const value = rest.join(' ');
    if (rest.length !== 1)
        return unknown(`expected one value after ${emoji || 'the SHA'}`);
    switch (emoji) {
        case EMOJI.status:
            return STATUS_VALUE.test(value)
                ? { kind: 'status', sha, status: value, form: 'current' }
                : unknown(`status "${value}" is not a status word`);
        case EMOJI.created:
            return isValidCreatedAt(value)
                ? { kind: 'created', sha, at: value, form: 'current' }
                : unknown(`"${value}" is not a YYYY-MM-DDTHH-MM time`);
        case EMOJI.ip:
            return parseAddress(sha, value, 'current');
        case EMOJI.requester:
            return LOGIN.test(value)
                ? { kind: 'requester', sha, login: value, form: 'current' }
                : unknown(`"${value}" is not a GitHub login`);
        case EMOJI.ttl:
            return TTL_VALUE.test(value) ? { kind: 'sha-ttl', sha, value } : unknown(`bad TTL "${value}"`);
        default:
            return unknown(`unknown field "${emoji}" after the SHA`);
    }
}
function parseEmojiFirst(emoji, third, rest) {
    // Stryker disable next-line StringLiteral: the value is read only when `rest` holds one token
    const value = rest.join(' ');
    switch (emoji) {
        case EMOJI.pointer:
            if (rest.length === 0 && SHORT_SHA.test(third))
                return { kind: 'pointer', sha: third };
            return unknown('🎯 must be followed by a 7-character SHA only');
        case EMOJI.buildingPointer:
            if (rest.length === 0 && SHORT_SHA.test(third))
                return { kind: 'building-pointer', sha: third };
            return unknown('🏗️ must be followed by a 7-character SHA only');
        case EMOJI.ttl:
            if (rest.length === 0 && TTL_VALUE.test(third))
                return { kind: 'ttl', value: third };
            // `value` is then one token: a TTL is never empty and holds no space.
            if (SHORT_SHA.test(third) && TTL_VALUE.test(value))
                return { kind: 'sha-ttl', sha: third, value };
            return unknown(`bad TTL label (expected ${SUGGESTED_TTLS.join(', ')} or any Nh, Nd, Nw)`);
    }
    // The emoji-first per-SHA forms written before 2025-08 (`🎪 🚦 {sha} {status}`).
    if (!SHORT_SHA.test(third) || rest.length !== 1)
        return unknown('not a Showtime label form');
    switch (emoji) {
        case EMOJI.status:
            return STATUS_VALUE.test(value)
                ? { kind: 'status', sha: third, status: value, form: 'legacy' }
                : unknown(`status "${value}" is not a status word`);
        case EMOJI.created:
            return isValidCreatedAt(value)
                ? { kind: 'created', sha: third, at: value, form: 'legacy' }
                : unknown(`"${value}" is not a YYYY-MM-DDTHH-MM time`);
        case EMOJI.ip:
            return parseAddress(third, value, 'legacy');
        case EMOJI.requester:
            return LOGIN.test(value)
                ? { kind: 'requester', sha: third, login: value, form: 'legacy' }
                : unknown(`"${value}" is not a GitHub login`);
        default:
            return unknown('not a Showtime label form');
    }
}
function parseAddress(sha, value, form) {
    const colon = value.lastIndexOf(':');
    const host = colon === -1 ? value : value.slice(0, colon);
    const portText = colon === -1 ? undefined : value.slice(colon + 1);
    let port;
    if (portText !== undefined) {
        // Written as we write it: digits without a leading zero (`08080` is not read as 8080).
        port = /^[1-9]\d{0,4}$/.test(portText) ? Number(portText) : NaN;
        if (!(port <= 65535))
            return unknown(`bad port in "${value}"`);
    }
    // An address without a port, or with dashes, is an old form: the Python tool served on 8080.
    if (IPV4.test(host)) {
        return {
            kind: 'ip',
            sha,
            ip: host,
            port: port ?? LEGACY_PORT,
            form: port === undefined ? 'legacy' : form
        };
    }
    if (DASHED_IPV4.test(host)) {
        return {
            kind: 'ip',
            sha,
            ip: host.replaceAll('-', '.'),
            port: port ?? LEGACY_PORT,
            form: 'legacy'
        };
    }
    return unknown(`"${value}" is not an IPv4 address`);
}
function unknown(reason) {
    return { kind: 'unknown', reason };
}
/** Format a label in its current form. Throws if the result would break GitHub's length limit,
 * which no validated input reaches (logins are shortened by `fitLogin`). */
function formatLabel(label) {
    const text = formatUnchecked(label);
    if (labelLength(text) > MAX_LABEL_LENGTH) {
        throw new Error(`label "${text}" would be longer than GitHub's ${MAX_LABEL_LENGTH} characters`);
    }
    return text;
}
function formatUnchecked(label) {
    switch (label.kind) {
        case 'trigger':
            return label.trigger === 'start' ? TRIGGER_START : TRIGGER_STOP;
        case 'freeze':
            return FREEZE;
        case 'blocked':
            return BLOCKED;
        case 'ttl':
            return `${TENT} ${EMOJI.ttl} ${label.value}`;
        case 'status':
            return `${TENT} ${label.sha} ${EMOJI.status} ${label.status}`;
        case 'created':
            return `${TENT} ${label.sha} ${EMOJI.created} ${label.at}`;
        case 'ip':
            return `${TENT} ${label.sha} ${EMOJI.ip} ${label.ip}:${label.port}`;
        case 'requester':
            return `${TENT} ${label.sha} ${EMOJI.requester} ${fitLogin(label.login)}`;
        case 'pointer':
            return `${TENT} ${EMOJI.pointer} ${label.sha}`;
    }
}
/** The prefix `🎪 {sha} 🤡 ` takes 12 code points (14 UTF-16 units), leaving 36 for the login. */
const MAX_LOGIN_IN_LABEL = MAX_LABEL_LENGTH - labelLength(`${TENT} 0000000 ${EMOJI.requester} `);
/**
 * Shorten a login so that its 🤡 label fits in 50 characters: a login longer than 36 characters
 * keeps its first 35 and ends in `…`. GitHub logins are at most 39 characters, so only the longest
 * are cut. Characters a login cannot hold become `-` (an actor name comes from the environment).
 */
function fitLogin(login) {
    // A login this function shortened already (it ends in …) is kept as it is.
    if (LOGIN.test(login) && labelLength(login) <= MAX_LOGIN_IN_LABEL)
        return login;
    const botSuffix = login.endsWith(BOT_SUFFIX) ? BOT_SUFFIX : '';
    const base = login
        .slice(0, login.length - botSuffix.length)
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const name = base === '' ? 'unknown' : base + botSuffix;
    if (name.length <= MAX_LOGIN_IN_LABEL)
        return name;
    return base.slice(0, MAX_LOGIN_IN_LABEL - 1).replace(/-+$/, '') + ELLIPSIS;
}
/** Labels whose repository definitions are per-SHA (deleted when no longer attached anywhere). */
function isPerShaLabel(name) {
    const parsed = parseLabel(name);
    return 'sha' in parsed;
}


/***/ }),

/***/ 6013:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ prepareRoute),
/* harmony export */   Zb: () => (/* binding */ freePriority),
/* harmony export */   cL: () => (/* binding */ ruleForHost),
/* harmony export */   fx: () => (/* binding */ describeRoute),
/* harmony export */   k7: () => (/* binding */ routeAfterTeardown),
/* harmony export */   kJ: () => (/* binding */ liveRoute),
/* harmony export */   kY: () => (/* binding */ preferredPriority),
/* harmony export */   w9: () => (/* binding */ healthCheckInterval)
/* harmony export */ });
/* unused harmony exports RULE_PRIORITIES, MAX_FORWARD_TARGET_GROUPS, targetGroupHealth */
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3005);
/* harmony import */ var _sign_in_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(507);
// The PR's route through the shared load balancer, decided as data: which listener rule is the
// PR's, what it must forward to before, during and after a roll-over, which priority a new rule
// takes, what a teardown leaves of it, and when a target group counts as healthy. The adapter
// (aws/load-balancer.ts) carries these out; nothing here talks to AWS.


/** ELB's priorities of a listener's rules (the default rule has none). */
const RULE_PRIORITIES = { min: 1, max: 50_000 };
/** The PR's rule: the one that answers its host (the lowest priority, should there be two). */
function ruleForHost(rules, host) {
    const lower = host.toLowerCase();
    return rules
        .filter((r) => r.priority !== undefined && r.hosts.some((h) => h.toLowerCase() === lower))
        .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))[0];
}
/**
 * The priority a new rule of this PR tries first: spread over the whole range by the repository
 * and the PR, so that concurrent runs of different PRs (and repositories sharing the listener)
 * seldom try the same one.
 */
function preferredPriority(repositoryKey, pr) {
    const span = RULE_PRIORITIES.max - RULE_PRIORITIES.min + 1;
    return RULE_PRIORITIES.min + ((0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .fnv1a */ .PS)(`${repositoryKey}#${pr}`) % span);
}
/** The first priority from `preferred` on (wrapping around) that no rule takes; undefined when
 * the listener has none left. */
function freePriority(taken, preferred) {
    const span = RULE_PRIORITIES.max - RULE_PRIORITIES.min + 1;
    for (let step = 0; step < span; step++) {
        const candidate = RULE_PRIORITIES.min + ((preferred - RULE_PRIORITIES.min + step + span) % span);
        if (!taken.has(candidate))
            return candidate;
    }
    return undefined;
}
/** What a route does, for the log. */
function describeRoute(route, signIn) {
    const targets = route.forward
        .map((t) => `${(0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .targetGroupNameOfArn */ .uM)(t.arn) || t.arn} (weight ${t.weight})`)
        .join(', ');
    const from = route.sourceCidrs ? ` (from ${route.sourceCidrs.join(', ')} only)` : '';
    const after = signIn === undefined ? '' : `, after sign-in (${(0,_sign_in_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSignIn */ .ck)(signIn)})`;
    return route.pendingSha === undefined
        ? `forwards to ${targets}${from}${after}`
        : `forwards requests with ${_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .PENDING_HEADER */ .Os}: ${route.pendingSha} to ${targets}${from}${after}`;
}
/** The route that serves a commit: its host (from the allowed sources), all requests to its
 * target group. */
function liveRoute(host, targetGroupArn, sourceCidrs = []) {
    return { host, ...sources(sourceCidrs), forward: [{ arn: targetGroupArn, weight: 1 }] };
}
/** The source-ip condition of a route, when the input restricts the sources. */
function sources(sourceCidrs) {
    return sourceCidrs && sourceCidrs.length > 0 ? { sourceCidrs } : {};
}
/** Most target groups one forward action takes (ELB's limit). */
const MAX_FORWARD_TARGET_GROUPS = 5;
function prepareRoute(rule, wanted) {
    const pending = {
        host: wanted.host,
        pendingSha: wanted.sha,
        ...sources(wanted.sourceCidrs),
        forward: [{ arn: wanted.targetGroupArn, weight: 1 }]
    };
    if (rule === undefined)
        return { kind: 'create', route: pending };
    if (!rule.claim.ours)
        return { kind: 'refuse', why: rule.claim.why };
    const owned = rule.claim.owned;
    const previous = routeOf(rule);
    if (rule.pendingSha !== undefined)
        return { kind: 'modify', rule: owned, route: pending, previous };
    const serving = rule.forward.filter((t) => t.weight > 0);
    if (serving.length > 0 && serving.every((t) => t.arn === wanted.targetGroupArn)) {
        // A forced rebuild leaves the rule alone, unless who may reach it changed since it was written.
        if (sameAccess(rule, wanted))
            return { kind: 'keep', arn: rule.arn };
        const route = { host: wanted.host, ...sources(wanted.sourceCidrs), forward: serving };
        return { kind: 'modify', rule: owned, route, previous };
    }
    const forward = [
        ...serving.filter((t) => t.arn !== wanted.targetGroupArn),
        { arn: wanted.targetGroupArn, weight: 0 }
    ].slice(-MAX_FORWARD_TARGET_GROUPS);
    const route = { host: wanted.host, ...sources(wanted.sourceCidrs), forward };
    return { kind: 'modify', rule: owned, route, previous };
}
/** The rule admits whom the inputs admit now: the same sources, the same kind of sign-in. */
function sameAccess(rule, wanted) {
    const had = rule.sourceCidrs ?? [];
    const wants = wanted.sourceCidrs ?? [];
    return (rule.signIn === wanted.signIn &&
        had.length === wants.length &&
        had.every((cidr, i) => cidr === wants[i]));
}
function routeOf(rule) {
    return {
        host: rule.host,
        ...(rule.pendingSha !== undefined && { pendingSha: rule.pendingSha }),
        ...sources(rule.sourceCidrs),
        forward: rule.forward
    };
}
/** What becomes of the PR's rule when all its environments are torn down (stop, close): it goes
 * when it is this repository's, and is left alone otherwise. A roll-over needs nothing here: its
 * go-live left the rule forwarding to the new commit alone. */
function routeAfterTeardown(rule) {
    if (rule === undefined)
        return { kind: 'none' };
    return rule.claim.ours
        ? { kind: 'delete', rule: rule.claim.owned }
        : { kind: 'left-alone', why: rule.claim.why };
}
/** The interval of a target group's health checks: the health-interval input, within ELB's
 * bounds of 5 to 300 seconds. */
function healthCheckInterval(seconds) {
    return Math.min(300, Math.max(5, Math.round(seconds)));
}
/** A target group serves once one of its targets is healthy; `summary` says what it holds. */
function targetGroupHealth(targets) {
    if (targets.length === 0)
        return { healthy: false, summary: 'no target registered yet' };
    const counts = new Map();
    for (const target of targets) {
        const key = target.reason ? `${target.state} (${target.reason})` : target.state;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const summary = [...counts]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([state, count]) => `${count} ${state}`)
        .join(', ');
    return { healthy: targets.some((t) => t.state === 'healthy'), summary };
}


/***/ }),

/***/ 2901:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ PERMISSIONS),
/* harmony export */   Y: () => (/* binding */ isPermission)
/* harmony export */ });
// What the planner knows about a PR and the event being handled. Built by the shell from the
// runner's event payload and one GitHub request; nothing here does I/O.
/** Repository roles as the collaborator-permission endpoint's `role_name` reports them. */
const PERMISSIONS = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
function isPermission(value) {
    return PERMISSIONS.includes(value);
}


/***/ }),

/***/ 3005:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AC: () => (/* binding */ ruleTags),
/* harmony export */   Aw: () => (/* binding */ parsePreviewHost),
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   IT: () => (/* binding */ targetGroupName),
/* harmony export */   I_: () => (/* binding */ imageTag),
/* harmony export */   JZ: () => (/* binding */ parseTargetGroupName),
/* harmony export */   Kq: () => (/* binding */ repositoryKey),
/* harmony export */   Oo: () => (/* binding */ deployedImage),
/* harmony export */   Os: () => (/* binding */ PENDING_HEADER),
/* harmony export */   PS: () => (/* binding */ fnv1a),
/* harmony export */   RD: () => (/* binding */ deploymentTask),
/* harmony export */   TA: () => (/* binding */ environmentTags),
/* harmony export */   Tm: () => (/* binding */ awsTagValue),
/* harmony export */   e6: () => (/* binding */ previewUrl),
/* harmony export */   fe: () => (/* binding */ serviceName),
/* harmony export */   ny: () => (/* binding */ requestMetricDimensions),
/* harmony export */   pE: () => (/* binding */ previewHost),
/* harmony export */   qE: () => (/* binding */ parseServiceName),
/* harmony export */   rA: () => (/* binding */ imageReference),
/* harmony export */   uM: () => (/* binding */ targetGroupNameOfArn)
/* harmony export */ });
/* unused harmony exports serviceBaseName, ownershipTags */
/* harmony import */ var _show_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3559);
// The AWS resources of an environment: their names and their tags. Names are byte-compatible with
// the Python tool, so that the services it created stay manageable; the tags say which repository
// created a resource, because clusters are shared between teams (whose it is: ownership.ts).

function serviceBaseName(pr, sha) {
    return `pr-${pr}-${(0,_show_js__WEBPACK_IMPORTED_MODULE_0__/* .shortSha */ .Fu)(sha)}`;
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
/** FNV-1a (32 bit) of the text's UTF-8 bytes: short, stable values derived from a longer text. */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}
/** Six hex characters that stand for `owner/repo` (GitHub's names ignore case) in names that
 * are unique per account and region, where two repositories' PR 12 must not collide. */
function repositoryKey(repository) {
    return fnv1a(repository.toLowerCase()).toString(16).padStart(8, '0').slice(0, 6);
}
/** `st-{repository key}-{pr}-{sha}`: at most 28 characters, within ELB's 32 for a target group. */
function targetGroupName(repository, pr, sha) {
    return `st-${repositoryKey(repository)}-${pr}-${(0,_show_js__WEBPACK_IMPORTED_MODULE_0__/* .shortSha */ .Fu)(sha)}`;
}
const TARGET_GROUP = /^st-([0-9a-f]{6})-(\d+)-([0-9a-f]{7})$/;
/** A target group named like Showtime's, with the repository key it carries. */
function parseTargetGroupName(name) {
    const match = TARGET_GROUP.exec(name);
    return match ? { repositoryKey: match[1], pr: Number(match[2]), sha: match[3] } : undefined;
}
/** `arn:…:targetgroup/{name}/{id}` → its name. */
function targetGroupNameOfArn(arn) {
    return arn.split(':').slice(5).join(':').split('/')[1] ?? '';
}
/** The PR's stable host behind the shared load balancer. */
function previewHost(pr, previewDomain) {
    return `pr-${pr}.${previewDomain}`.toLowerCase();
}
function previewUrl(pr, previewDomain) {
    return `https://${previewHost(pr, previewDomain)}`;
}
/** The PR a host of the preview domain stands for. */
function parsePreviewHost(host, previewDomain) {
    const suffix = `.${previewDomain}`.toLowerCase();
    const lower = host.toLowerCase();
    if (!lower.endsWith(suffix))
        return undefined;
    const match = /^pr-([1-9]\d{0,9})$/.exec(lower.slice(0, -suffix.length));
    return match ? Number(match[1]) : undefined;
}
/** While no commit of the PR has gone live, its listener rule also asks for this header (with the
 * commit as its value): the rule exists, so its target group is attached to the load balancer as
 * ECS requires, yet it answers no ordinary request. */
const PENDING_HEADER = 'X-Showtime-Pending';
/** The task of a PR's GitHub deployments: it tells one PR's deployments from another's in an
 * environment that all previews share. */
function deploymentTask(pr) {
    return `deploy:pr-${pr}`;
}
const SERVICE = /^pr-(\d+)-([0-9a-f]{7})-service$/;
const LEGACY_SERVICE = /^pr-(\d+)-service$/;
/** `pr-{n}-{sha}-service`, or the legacy `pr-{n}-service`; anything else is not named like ours. */
function parseServiceName(name) {
    const current = SERVICE.exec(name);
    if (current)
        return { pr: Number(current[1]), sha: current[2] };
    const legacy = LEGACY_SERVICE.exec(name);
    return legacy ? { pr: Number(legacy[1]) } : undefined;
}
/** The tag keys Showtime writes. `showtime_managed` and `repository` say whose a resource is. */
const TAG = {
    managed: 'showtime_managed',
    repository: 'repository',
    pr: 'pr',
    sha: 'sha',
    requester: 'requester',
    created: 'created',
    expiresAt: 'expires-at'
};
/** The tags of a PR's listener rule, which serves its commits one after the other. */
function ruleTags(repository, pr) {
    return { [TAG.pr]: String(pr), ...ownershipTags(repository) };
}
/** Every resource Showtime creates carries these two tags. */
function ownershipTags(repository) {
    return { [TAG.managed]: 'true', [TAG.repository]: awsTagValue(repository) };
}
/**
 * The image an environment runs: `{repository}@sha256:…`, the one its build produced, by its
 * digest, which no one can move as they can move a tag. Only a build that was a dry run (no
 * digest) leaves the tag. A digest that is not sha256 hex fails the run.
 */
function deployedImage(tagged, repository, digest) {
    if (digest === undefined)
        return tagged;
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
        throw new Error(`the build reported the image digest "${digest}", not a sha256 digest`);
    return `${repository}@${digest}`;
}
/** The tags of an environment's service, task definition and target group. */
function environmentTags(facts) {
    const seconds = (ms) => String(Math.floor(ms / 1000));
    return {
        [TAG.pr]: String(facts.pr),
        [TAG.sha]: facts.sha,
        [TAG.requester]: awsTagValue(facts.requester),
        [TAG.created]: seconds(facts.createdMs),
        [TAG.expiresAt]: facts.expiresMs === undefined ? 'never' : seconds(facts.expiresMs),
        ...ownershipTags(facts.repository)
    };
}
// AWS's published constraint on tag values (ECS `TagValue`): letters, separators, numbers and
// `_ . : / = + - @`, at most 256 characters. `dependabot[bot]` or a login cut with `…` break it.
const TAG_VALUE_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
const MAX_TAG_VALUE = 256;
/** A value AWS accepts as a tag value: every other character becomes `_`. */
function awsTagValue(text) {
    return [...text]
        .map((character) => (TAG_VALUE_CHARACTER.test(character) ? character : '_'))
        .slice(0, MAX_TAG_VALUE)
        .join('');
}
/**
 * The `AWS/ApplicationELB` metric dimensions of a target group behind a load balancer, as AWS
 * documents them: `LoadBalancer` is the final portion of the load balancer's ARN (`app/name/id`,
 * read here from the listener's, `listener/app/name/id/listener-id`), `TargetGroup` the final
 * portion of the target group's (`targetgroup/name/id`). Undefined for an ARN of another form.
 */
function requestMetricDimensions(listenerArn, targetGroupArn) {
    const listener = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:listener\/(app\/[^/]+\/[^/]+)\/[^/]+$/.exec(listenerArn);
    const group = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:(targetgroup\/[^/]+\/[^/]+)$/.exec(targetGroupArn);
    if (!listener || !group)
        return undefined;
    return { LoadBalancer: listener[1], TargetGroup: group[1] };
}


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   Tx: () => (/* binding */ statusRank),
/* harmony export */   aF: () => (/* binding */ createdAtMs),
/* harmony export */   hI: () => (/* binding */ statusClass)
/* harmony export */ });
/* unused harmony export STATUS_PRECEDENCE */
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5745);
// A Show is one environment: one PR at one commit, with its own labels and its own ECS service
// (named in resources.ts).

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
        case _labels_js__WEBPACK_IMPORTED_MODULE_0__/* .SLEEPING */ .S2:
            return 'sleeping';
        default:
            return 'unknown';
    }
}
/** When one SHA carries two status labels (a run stopped between adding the new status and
 * removing the old), the one furthest along the lifecycle is the newer write and wins. A sleep
 * interrupted that way leaves its service at zero tasks: `sleeping` wins, and the start trigger
 * wakes it (a wake interrupted that way is woken again, at no cost). */
const STATUS_PRECEDENCE = [
    'failed',
    _labels_js__WEBPACK_IMPORTED_MODULE_0__/* .SLEEPING */ .S2,
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
function createdAtMs(show) {
    return show.createdAt === undefined ? undefined : (0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCreatedAt */ .lu)(show.createdAt);
}


/***/ }),

/***/ 507:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fb: () => (/* binding */ clientSecretOf),
/* harmony export */   MQ: () => (/* binding */ parseSignIn),
/* harmony export */   ck: () => (/* binding */ describeSignIn)
/* harmony export */ });
/* unused harmony exports MAX_SESSION_SECONDS, MAX_EXTRA_PARAMS */
// Who may open a preview behind the load balancer, by signing in: the load-balancer-authentication
// input, one ELB action as the ELB API and CLI write it (`authenticate-oidc` with its
// AuthenticateOidcConfig, or `authenticate-cognito` with its AuthenticateCognitoConfig), which
// every listener rule Showtime writes carries before its forward action. ELB runs it on HTTPS
// listeners only. A bad value is refused with one line that names the field and what it takes,
// and never quotes a value: the value holds the OIDC client secret.
/** ELB's longest authentication session, and its default: 7 days. */
const MAX_SESSION_SECONDS = 604_800;
/** "The query parameters (up to 10) to include in the redirect request". */
const MAX_EXTRA_PARAMS = 10;
const BEHAVIOURS = ['deny', 'allow', 'authenticate'];
const OIDC = 'authenticate-oidc';
const COGNITO = 'authenticate-cognito';
const OIDC_CONFIG = 'AuthenticateOidcConfig';
const COGNITO_CONFIG = 'AuthenticateCognitoConfig';
const OIDC_ENDPOINTS = ['Issuer', 'AuthorizationEndpoint', 'TokenEndpoint', 'UserInfoEndpoint'];
const OIDC_REQUIRED = [...OIDC_ENDPOINTS, 'ClientId', 'ClientSecret'];
const COGNITO_REQUIRED = ['UserPoolArn', 'UserPoolClientId', 'UserPoolDomain'];
const OPTIONAL = [
    'SessionCookieName',
    'Scope',
    'SessionTimeout',
    'AuthenticationRequestExtraParams',
    'OnUnauthenticatedRequest'
];
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/;
/** The sign-in of the input (none when it is empty), or the one problem to report. */
function parseSignIn(value) {
    if (value.trim() === '')
        return { signIn: undefined };
    const parsed = parseJson(value);
    if (!isObject(parsed))
        return { problem: 'is not a JSON object such as {"Type": "authenticate-oidc", ...}' };
    const type = parsed.Type;
    if (type !== OIDC && type !== COGNITO)
        return { problem: `needs "Type" ${OIDC} or ${COGNITO}` };
    const configKey = type === OIDC ? OIDC_CONFIG : COGNITO_CONFIG;
    const unknown = unknownKey(parsed, ['Type', 'Order', configKey]);
    if (unknown !== undefined)
        return { problem: `has ${unknown} for an ${type} action` };
    if (parsed.Order !== undefined && parsed.Order !== 1)
        return { problem: '"Order" must be 1 or left out: sign-in comes before the forward action' };
    const config = parsed[configKey];
    if (!isObject(config))
        return { problem: `needs "${configKey}", an object` };
    const problem = type === OIDC ? oidcProblem(config) : cognitoProblem(config);
    if (problem !== undefined)
        return { problem: `${configKey}: ${problem}` };
    return {
        signIn: type === OIDC
            ? { Type: OIDC, AuthenticateOidcConfig: pick(config, [...OIDC_REQUIRED, ...OPTIONAL]) }
            : {
                Type: COGNITO,
                AuthenticateCognitoConfig: pick(config, [...COGNITO_REQUIRED, ...OPTIONAL])
            }
    };
}
/** The OIDC client secret in the input, when it has one, to mask in the log before anything else
 * reads the input. */
function clientSecretOf(value) {
    const parsed = parseJson(value);
    const config = isObject(parsed) ? parsed[OIDC_CONFIG] : undefined;
    const secret = isObject(config) ? config.ClientSecret : undefined;
    return typeof secret === 'string' && secret !== '' ? secret : undefined;
}
/** The sign-in's name for the log, such as `authenticate-oidc`: never its configuration. */
function describeSignIn(signIn) {
    return signIn.Type;
}
function oidcProblem(config) {
    const unknown = unknownKey(config, [...OIDC_REQUIRED, ...OPTIONAL, 'UseExistingClientSecret']);
    if (unknown !== undefined)
        return `has ${unknown}`;
    const missing = missingString(config, OIDC_REQUIRED);
    if (missing !== undefined)
        return missing;
    const insecure = OIDC_ENDPOINTS.find((key) => !isHttpsUrl(config[key]));
    if (insecure !== undefined)
        return `"${insecure}" must be an https:// URL with the domain and path of the identity provider`;
    // ELB needs the secret to create a rule, and Showtime creates one for each PR: an input that
    // asks ELB to keep an existing secret instead could never create one.
    if (config.UseExistingClientSecret !== undefined && config.UseExistingClientSecret !== false)
        return '"UseExistingClientSecret" must be false or left out: every new PR\'s rule needs the secret';
    return optionalProblem(config);
}
function cognitoProblem(config) {
    const unknown = unknownKey(config, [...COGNITO_REQUIRED, ...OPTIONAL]);
    if (unknown !== undefined)
        return `has ${unknown}`;
    const missing = missingString(config, COGNITO_REQUIRED);
    if (missing !== undefined)
        return missing;
    if (!USER_POOL_ARN.test(config.UserPoolArn))
        return '"UserPoolArn" must be a user pool ARN such as arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123';
    return optionalProblem(config);
}
/** What is wrong with the members both configurations take, or undefined. */
function optionalProblem(config) {
    for (const key of ['SessionCookieName', 'Scope'])
        if (config[key] !== undefined && !nonEmptyString(config[key]))
            return `"${key}" must be a non-empty string`;
    const timeout = config.SessionTimeout;
    if (timeout !== undefined &&
        !(Number.isInteger(timeout) &&
            timeout >= 1 &&
            timeout <= MAX_SESSION_SECONDS))
        return `"SessionTimeout" must be a whole number of seconds from 1 to ${MAX_SESSION_SECONDS} (7 days)`;
    const behaviour = config.OnUnauthenticatedRequest;
    if (behaviour !== undefined && !BEHAVIOURS.includes(behaviour))
        return `"OnUnauthenticatedRequest" must be ${BEHAVIOURS.join(', ')} or left out`;
    const params = config.AuthenticationRequestExtraParams;
    if (params !== undefined) {
        if (!isObject(params) || Object.values(params).some((v) => typeof v !== 'string'))
            return '"AuthenticationRequestExtraParams" must be an object of strings';
        if (Object.keys(params).length > MAX_EXTRA_PARAMS)
            return `"AuthenticationRequestExtraParams" takes at most ${MAX_EXTRA_PARAMS} parameters`;
    }
    return undefined;
}
function parseJson(value) {
    try {
        return JSON.parse(value);
    }
    catch {
        return undefined;
    }
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nonEmptyString(value) {
    return typeof value === 'string' && value.trim() !== '';
}
/** The first key that is not one of `known`, quoted for the message (a key is no secret, but a
 * long one is cut), or undefined. */
function unknownKey(object, known) {
    const key = Object.keys(object).find((k) => !known.includes(k));
    if (key === undefined)
        return undefined;
    const chars = [...key];
    return `an unknown key "${chars.slice(0, 40).join('')}${chars.length > 40 ? '…' : ''}"`;
}
function missingString(config, keys) {
    const missing = keys.find((key) => !nonEmptyString(config[key]));
    return missing === undefined ? undefined : `needs "${missing}", a non-empty string`;
}
function isHttpsUrl(value) {
    if (/\s/.test(value))
        return false;
    try {
        const url = new URL(value);
        // An https URL always has a host (WHATWG URL refuses one without); credentials are refused.
        return url.protocol === 'https:' && url.username === '' && url.password === '';
    }
    catch {
        return false;
    }
}
function pick(config, keys) {
    return Object.fromEntries(keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]]));
}


/***/ }),

/***/ 7415:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IU: () => (/* binding */ sleepCandidates),
/* harmony export */   P6: () => (/* binding */ sleepKey),
/* harmony export */   h1: () => (/* binding */ REQUEST_METRIC_PERIOD_S),
/* harmony export */   jI: () => (/* binding */ parseSleepAfter),
/* harmony export */   xB: () => (/* binding */ isIdle)
/* harmony export */ });
/* unused harmony export LONGEST_SLEEP_AFTER_MS */
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3005);
/* harmony import */ var _show_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3559);
// Sleeping when idle: the scheduled cleanup scales an environment that served no request for
// `sleep-after` to zero tasks and marks it `🎪 {sha} 🚦 sleeping`; the start trigger wakes it
// without a build. Only behind the shared load balancer, whose request count per target group is
// the one measure of traffic (a task at a public IP has none, and loses its address when it
// stops). Pure: modes/cleanup.ts reads the request counts of the candidates this names.


const SLEEP_AFTER = /^(\d{1,5})([mhd])$/;
const MS_PER_UNIT = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const LONGEST_SLEEP_AFTER_MS = 14 * 86_400_000;
/** CloudWatch's finest period for a load balancer's metrics. */
const REQUEST_METRIC_PERIOD_S = 60;
function parseSleepAfter(text) {
    const normalised = text.trim().toLowerCase();
    if (normalised === 'never' || normalised === '')
        return { kind: 'never' };
    const m = SLEEP_AFTER.exec(normalised);
    if (!m)
        return undefined;
    const ms = Number(m[1]) * MS_PER_UNIT[m[2]];
    if (ms < 60_000 * 5 || ms > LONGEST_SLEEP_AFTER_MS)
        return undefined;
    return { kind: 'idle', ms, text: normalised };
}
/**
 * The environments that may go to sleep if they served no request in the last `sleep-after`: the
 * PR's live one (running, 🎯), behind the load balancer, older than the idle window (so that the
 * window holds only its own requests), whose service and target group the cleanup listed.
 * Whether each is ours, the cleanup plan decides as for any service.
 */
function sleepCandidates(facts, policy) {
    const { sleepAfter, listenerArn } = policy;
    if (sleepAfter.kind === 'never' || policy.addressing.kind !== 'load-balancer')
        return [];
    if (listenerArn === undefined || !facts.services || !facts.targetGroups)
        return [];
    const services = new Set(facts.services.map((s) => s.name));
    const groups = new Map(facts.targetGroups.map((g) => [(0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .targetGroupNameOfArn */ .uM)(g.arn), g.arn]));
    const candidates = [];
    for (const pr of facts.openPrs) {
        for (const show of pr.labels.shows) {
            if (!mayIdle(show, pr.labels, facts.now, sleepAfter.ms))
                continue;
            if (!services.has((0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceName */ .fe)(pr.number, show.sha)))
                continue;
            const arn = groups.get((0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .targetGroupName */ .IT)(policy.repository, pr.number, show.sha));
            const dimensions = arn === undefined ? undefined : (0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .requestMetricDimensions */ .ny)(listenerArn, arn);
            if (dimensions)
                candidates.push({ pr: pr.number, sha: show.sha, dimensions });
        }
    }
    return candidates;
}
/** Running, the PR's live environment, and older than the idle window. */
function mayIdle(show, labels, now, idleMs) {
    if ((0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .statusClass */ .hI)(show.status) !== 'running' || labels.activeSha !== show.sha)
        return false;
    const created = (0,_show_js__WEBPACK_IMPORTED_MODULE_1__/* .createdAtMs */ .aF)(show);
    return created !== undefined && now - created >= idleMs;
}
/** `{pr}:{sha}`: how request counts are keyed. */
function sleepKey(pr, sha) {
    return `${pr}:${sha}`;
}
/** The candidate sleeps when its target group counted no request in the window; unknown counts
 * (the metric could not be read) keep it awake. */
function isIdle(requests, pr, sha) {
    return requests?.get(sleepKey(pr, sha)) === 0;
}


/***/ }),

/***/ 305:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MS: () => (/* binding */ templateProblem),
/* harmony export */   P9: () => (/* binding */ renderTaskDefinition),
/* harmony export */   U: () => (/* binding */ logLocation),
/* harmony export */   es: () => (/* binding */ ENVIRONMENT_VARIABLES)
/* harmony export */ });
// The task definition template and what Showtime fills in for one environment: the image, the
// container port, the environment's own variables, feature flags, and the ownership tags. The
// template comes from the task-definition input (trusted content, never the PR's checkout) or the
// bundled generic one; it is checked against what ECS and Fargate accept before anything runs.
// ECS's rule for a family and a container name: up to 255 letters, numbers, hyphens, underscores.
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** Fargate's task sizes: memory (MiB) allowed for each cpu (units of 1/1024 vCPU). */
const FARGATE_MEMORY = new Map([
    [256, [512, 1024, 2048]],
    [512, { from: 1024, to: 4096, step: 1024 }],
    [1024, { from: 2048, to: 8192, step: 1024 }],
    [2048, { from: 4096, to: 16384, step: 1024 }],
    [4096, { from: 8192, to: 30720, step: 1024 }],
    [8192, { from: 16384, to: 61440, step: 4096 }],
    [16384, { from: 32768, to: 122880, step: 8192 }]
]);
/** The variables every environment's app container gets. */
const ENVIRONMENT_VARIABLES = {
    pr: 'SHOWTIME_PR',
    sha: 'SHOWTIME_SHA',
    repository: 'SHOWTIME_REPOSITORY',
    url: 'SHOWTIME_URL'
};
/** Checks what ECS and Fargate require of a template; returns the first problem, if any. */
function templateProblem(template) {
    if (template === null || typeof template !== 'object' || Array.isArray(template))
        return 'it is not a JSON object';
    const t = template;
    if (typeof t.family !== 'string' || t.family === '')
        return 'it has no "family"';
    if (!ECS_NAME.test(t.family))
        return `its "family" must be 1 to 255 letters, digits, - or _ (got "${t.family.slice(0, 40)}")`;
    if (!Array.isArray(t.containerDefinitions) || t.containerDefinitions.length === 0) {
        return 'it has no "containerDefinitions"';
    }
    for (const [index, container] of t.containerDefinitions.entries()) {
        if (container === null || typeof container !== 'object' || Array.isArray(container))
            return `containerDefinitions[${index}] is not an object`;
        if (typeof container.name !== 'string' || !ECS_NAME.test(container.name))
            return `containerDefinitions[${index}] needs a "name" of 1 to 255 letters, digits, - or _`;
    }
    if (t.networkMode !== 'awsvpc')
        return `Fargate needs "networkMode": "awsvpc" (got ${JSON.stringify(t.networkMode ?? null)})`;
    const compatibilities = t.requiresCompatibilities;
    if (!Array.isArray(compatibilities) || !compatibilities.includes('FARGATE'))
        return '"requiresCompatibilities" must include "FARGATE"';
    return fargateSizeProblem(t.cpu, t.memory);
}
function fargateSizeProblem(cpuValue, memoryValue) {
    const cpu = size(cpuValue, /^(\d+(?:\.\d+)?)\s*vcpu$/i, 1024);
    const memory = size(memoryValue, /^(\d+(?:\.\d+)?)\s*gb$/i, 1024);
    if (cpu === undefined || memory === undefined)
        return 'Fargate needs task-level "cpu" and "memory", such as "256" and "512"';
    const allowed = FARGATE_MEMORY.get(cpu);
    if (allowed === undefined)
        return `"cpu" ${cpu} is not a Fargate size (${[...FARGATE_MEMORY.keys()].join(', ')})`;
    const fits = Array.isArray(allowed)
        ? allowed.includes(memory)
        : memory >= allowed.from && memory <= allowed.to && (memory - allowed.from) % allowed.step === 0;
    if (fits)
        return undefined;
    const range = Array.isArray(allowed)
        ? allowed.join(', ')
        : `${allowed.from} to ${allowed.to} in steps of ${allowed.step}`;
    return `"memory" ${memory} does not fit "cpu" ${cpu} on Fargate (allowed: ${range})`;
}
/** `"512"`, `512`, or the `"0.5 vCPU"` / `"1 GB"` forms ECS accepts; undefined otherwise. */
function size(value, unitForm, unit) {
    if (typeof value === 'number')
        return Number.isInteger(value) ? value : undefined;
    if (typeof value !== 'string')
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value);
    const match = unitForm.exec(value.trim());
    if (!match)
        return undefined;
    const n = Number(match[1]) * unit;
    return Number.isInteger(n) ? n : undefined;
}
/** The first container runs the PR's image: its image, port and variables are set; others are
 * kept. The template's own tags are kept unless Showtime writes the same key. */
function renderTaskDefinition(template, options) {
    const [app, ...others] = template.containerDefinitions ?? [];
    const { flagPrefix } = options;
    const replaced = (name) => name !== undefined &&
        (name in options.variables || (flagPrefix !== undefined && name.startsWith(flagPrefix)));
    const environment = [
        ...(app?.environment ?? []).filter((e) => !replaced(e.name)),
        ...Object.entries(options.variables).map(([name, value]) => ({ name, value })),
        ...options.flags.map((f) => ({ name: f.name, value: f.value }))
    ];
    const portMappings = [
        { containerPort: options.containerPort, hostPort: options.containerPort, protocol: 'tcp' },
        ...(app?.portMappings ?? []).slice(1)
    ];
    const templateTags = Array.isArray(template.tags)
        ? template.tags.filter((tag) => tag.key !== undefined && !(tag.key in options.tags))
        : [];
    return {
        ...template,
        containerDefinitions: [{ ...app, image: options.image, portMappings, environment }, ...others],
        tags: [...templateTags, ...Object.entries(options.tags).map(([key, value]) => ({ key, value }))]
    };
}
function logLocation(template) {
    const app = template.containerDefinitions?.[0];
    const config = app?.logConfiguration;
    const group = config?.options?.['awslogs-group'];
    if (config?.logDriver !== 'awslogs' || !group || !app?.name)
        return undefined;
    const region = config.options?.['awslogs-region'];
    const streamPrefix = config.options?.['awslogs-stream-prefix'];
    return {
        group,
        container: app.name,
        ...(region && { region }),
        ...(streamPrefix && { streamPrefix })
    };
}


/***/ }),

/***/ 8140:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K4: () => (/* binding */ longerTtl),
/* harmony export */   Kw: () => (/* binding */ parseTtl),
/* harmony export */   Nu: () => (/* binding */ ttlMilliseconds)
/* harmony export */ });
// Time-to-live values: `24h`, `2d`, `1w` (any whole number of hours, days or weeks) or `close`
// (kept until the PR closes). Used by the PR-level `🎪 ⌛ {ttl}` label and the ttl/older-than inputs.
const DURATION = /^(\d{1,4})([hdw])$/;
const HOURS_PER_UNIT = { h: 1, d: 24, w: 168 };
function parseTtl(text) {
    const normalised = text.trim().toLowerCase();
    if (normalised === 'close')
        return { kind: 'close', text: normalised };
    const m = DURATION.exec(normalised);
    if (!m)
        return undefined;
    const hours = Number(m[1]) * HOURS_PER_UNIT[m[2]];
    return { kind: 'duration', hours, text: normalised };
}
function ttlMilliseconds(ttl) {
    return ttl.kind === 'close' ? Number.POSITIVE_INFINITY : ttl.hours * 3_600_000;
}
/** The longer of two TTLs (`close` is the longest). */
function longerTtl(a, b) {
    const diff = ttlMilliseconds(a) - ttlMilliseconds(b);
    if (diff !== 0 && !Number.isNaN(diff))
        return diff > 0 ? a : b;
    return a.text <= b.text ? a : b;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ oneLine),
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
/** A problem with the action's inputs or event: reported as one line, never with a stack. */
class InputError extends Error {
    name = 'InputError';
}
/** One readable line for `core.setFailed`, whatever was thrown. */
function oneLine(error) {
    const text = error instanceof Error
        ? error.message || error.name
        : typeof error === 'string'
            ? error
            : (JSON.stringify(error) ?? String(error));
    const line = text.replace(/\s*\n\s*/g, ' ').trim();
    return line === '' ? 'unknown error' : line;
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2330);
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1019);
// The bundle's entry (action.yml runs it for the main step and the post step). Once run() is done
// (its outputs, state and summary written: file commands are synchronous appends and the summary
// is awaited), the process ends at once, with the exit code setFailed left (1) or 0. Nothing of
// Showtime's own keeps the event loop alive by then (the e2e test of the exit checks that), but a
// dependency's socket or timer must not keep a finished step waiting either.


/**
 * Listed by process.getActiveResourcesInfo() without holding the step: the pipes or terminals of
 * stdout and stderr, and a file's close request (the summary's), listed after it has completed
 * until the garbage collector takes it.
 */
const NOT_HOLDING = new Set(['PipeWrap', 'TTYWrap', 'CloseReq']);
await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();
const holding = process.getActiveResourcesInfo().filter((resource) => !NOT_HOLDING.has(resource));
if (holding.length > 0 && (0,_runner_core_js__WEBPACK_IMPORTED_MODULE_1__/* .isDebug */ ._o)())
    (0,_runner_core_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz)(`open at the end of the step, not waited for: ${holding.join(', ')}`);
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
/** Resolves once everything written to the stream so far has been handed to the OS. */
function flushed(stream) {
    return new Promise((resolve) => {
        if (stream.destroyed || !stream.writable)
            resolve();
        else
            stream.write('', () => resolve());
    });
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2330:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/runner/core.ts
var core = __nccwpck_require__(1019);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/config/event-file.ts
// The runner's event file (GITHUB_EVENT_PATH), checked before anything reads it: a missing or broken
// file is one line that says what is wrong, not a JSON parser's message or a later, misleading one.


function checkEventFile(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path) {
        throw new errors/* InputError */.d('GITHUB_EVENT_PATH is not set: Showtime runs as a step of a GitHub Actions workflow, which names the event file');
    }
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* InputError */.d(`The event file (GITHUB_EVENT_PATH) cannot be read: ${path}: ${(0,errors/* oneLine */.T)(error)}; Showtime runs as a step of a GitHub Actions workflow`);
    }
    try {
        JSON.parse(text);
    }
    catch (error) {
        throw new errors/* InputError */.d(`The event file (GITHUB_EVENT_PATH) is not valid JSON: ${path}: ${(0,errors/* oneLine */.T)(error)}`);
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/domain/task-definition.ts
var task_definition = __nccwpck_require__(305);
;// CONCATENATED MODULE: ./src/config/default-task-definition.json
const default_task_definition_namespaceObject = /*#__PURE__*/JSON.parse('{"family":"showtime","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512","containerDefinitions":[{"name":"app","image":"set-by-showtime","essential":true,"portMappings":[{"containerPort":8080,"hostPort":8080,"protocol":"tcp"}]}]}');
;// CONCATENATED MODULE: ./src/config/template.ts
// The task definition template: the task-definition input's file, or the bundled generic one.
// Read when the inputs are, by check too, so that a bad template fails before anything is built.





/**
 * The PR's own checkout is the build context: a template read from inside it would let the PR
 * choose the roles, secrets and images it is deployed with, so such a path is refused.
 */
async function loadTemplate(path, buildContext, workspace = process.cwd()) {
    if (path === undefined)
        return default_task_definition_namespaceObject;
    const file = await canonical((0,external_node_path_.resolve)(workspace, path));
    const context = await canonical((0,external_node_path_.resolve)(workspace, buildContext));
    if (file === context || file.startsWith(context.endsWith(external_node_path_.sep) ? context : context + external_node_path_.sep)) {
        throw new errors/* InputError */.d(`Input "task-definition" (${path}) lies inside docker-context (${buildContext}), the PR's checkout, and a PR must not choose what deploys it: check the PR out into a subfolder (docker-context: pr) and read the template from the base branch.`);
    }
    let parsed;
    try {
        parsed = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (error) {
        throw new errors/* InputError */.d(`Input "task-definition" must name a readable JSON file; ${path}: ${(0,errors/* oneLine */.T)(error)}`);
    }
    const problem = (0,task_definition/* templateProblem */.MS)(parsed);
    if (problem)
        throw new errors/* InputError */.d(`Input "task-definition" (${path}) is not usable: ${problem}.`);
    return parsed;
}
/** The real path, so that a symbolic link cannot lead out of or into the build context. */
async function canonical(path) {
    try {
        return await (0,promises_.realpath)(path);
    }
    catch {
        return path;
    }
}

// EXTERNAL MODULE: ./src/run/in-flight.ts
var in_flight = __nccwpck_require__(8385);
// EXTERNAL MODULE: ./src/config/inputs.ts + 1 modules
var config_inputs = __nccwpck_require__(8558);
// EXTERNAL MODULE: ./src/domain/sign-in.ts
var sign_in = __nccwpck_require__(507);
;// CONCATENATED MODULE: ./src/main.ts







const POST_MARKER = 'showtime-post';
/** The action's entry point, for the main step and the post step: every failure ends here as one
 * readable line. */
async function run() {
    try {
        if (core/* getState */.Gu(POST_MARKER) === 'true') {
            await post();
            return;
        }
        core/* saveState */.LZ(POST_MARKER, 'true');
        maskClientSecret();
        const inputs = (0,config_inputs/* readInputs */.Ko)((name) => core/* getInput */.V4(name), process.env);
        core/* setSecret */.Pq(inputs.githubToken);
        checkEventFile(process.env);
        // check reads the template too, so that a bad one fails before anything is built.
        const deploys = inputs.mode === 'check' || inputs.mode === 'sync';
        const template = await loadTemplate(deploys ? inputs.aws.taskDefinitionPath : undefined, inputs.docker.context);
        // Loaded once the inputs are valid, so that a bad input fails at once.
        const { runMode } = await Promise.all(/* import() */[__nccwpck_require__.e(866), __nccwpck_require__.e(600)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6600));
        await runMode(inputs, template);
    }
    catch (error) {
        if (core/* isDebug */._o() && error instanceof Error && error.stack)
            core/* debug */.Yz(error.stack);
        core/* setFailed */.C1((0,errors/* oneLine */.T)(error));
    }
}
/** The OIDC client secret of load-balancer-authentication is masked before the inputs are read,
 * so that nothing printed from here on can show it. */
function maskClientSecret() {
    const secret = (0,sign_in/* clientSecretOf */.Fb)(core/* getInput */.V4('load-balancer-authentication'));
    if (secret !== undefined)
        core/* setSecret */.Pq(secret);
}
/** The post step: release what an interrupted sync held. Costs nothing when there is nothing. */
async function post() {
    const inFlight = in_flight/* inFlightState */.nH.read();
    if (!inFlight)
        return;
    maskClientSecret();
    const inputs = (0,config_inputs/* readInputs */.Ko)((name) => core/* getInput */.V4(name), process.env);
    const { runPost } = await Promise.all(/* import() */[__nccwpck_require__.e(866), __nccwpck_require__.e(600)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6600));
    await runPost(inputs, inFlight);
    in_flight/* inFlightState */.nH.clear();
}


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X3: () => (/* binding */ InFlightRun),
/* harmony export */   nH: () => (/* binding */ inFlightState),
/* harmony export */   vu: () => (/* binding */ releaseResources)
/* harmony export */ });
/* harmony import */ var _runner_core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1019);
/* harmony import */ var _routing_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3183);
// What a sync run has claimed and created, saved with core.saveState as it goes, so that the
// action's post step can release it if the job is cancelled or killed in the middle. The run and
// the post step release the same way: a service the run created is deleted, a service it rolled
// forward goes back to the task definition it had. Behind the load balancer, the PR's rule is
// restored first, then the commit's target group goes with its service. Each is read right before
// (run/ownership.ts): a resource that is no longer this repository's is left alone.


const KEY = 'showtime-in-flight';
/** The record the post step reads; empty once the run finished or went live. */
const inFlightState = {
    save(value) {
        _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(KEY, JSON.stringify(value));
    },
    clear() {
        _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(KEY, '');
    },
    read() {
        const text = _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(KEY);
        if (!text)
            return undefined;
        try {
            return JSON.parse(text);
        }
        catch {
            return undefined;
        }
    }
};
/** One run's in-flight record, saved at every change. */
class InFlightRun {
    base;
    current;
    constructor(base) {
        this.base = base;
    }
    get record() {
        return this.current;
    }
    claimed() {
        this.save({ ...this.base, createdService: false });
    }
    creatingService() {
        this.save({ ...this.base, ...this.kept(), createdService: true });
    }
    serviceRolled(previousTaskDefinition) {
        this.save({
            ...this.base,
            ...this.kept(),
            createdService: false,
            ...(previousTaskDefinition && { previousTaskDefinition })
        });
    }
    targetGroupCreated(arn, name) {
        this.save({ ...this.base, createdService: false, ...this.kept(), targetGroup: { arn, name } });
    }
    routePrepared(route) {
        this.save({ ...this.base, createdService: false, ...this.kept(), route });
    }
    deploymentStarted(id) {
        if (this.current === undefined || id === undefined)
            return;
        this.save({ ...this.current, deploymentId: id });
    }
    /** What earlier steps recorded and later ones keep: the deployment, the target group, the
     * route. */
    kept() {
        const { deploymentId, targetGroup, route } = this.current ?? {};
        return {
            ...(deploymentId !== undefined && { deploymentId }),
            ...(targetGroup && { targetGroup }),
            ...(route && { route })
        };
    }
    /** Live or finished: nothing of the run may be released any more. */
    done() {
        this.current = undefined;
        inFlightState.clear();
    }
    save(value) {
        this.current = value;
        inFlightState.save(value);
    }
}
/** Gives back what the run created: the PR's rule as it was, its new service (or the task
 * definition it replaced), its target group. */
async function releaseResources(record, systems) {
    const { host, balancer, ownership } = systems;
    if (record.route && balancer) {
        await (0,_routing_js__WEBPACK_IMPORTED_MODULE_1__/* .restoreRoute */ .O)(await balancer(), ownership, record.route);
    }
    await releaseService(record, host, ownership);
    if (record.targetGroup && balancer) {
        const { arn, name } = record.targetGroup;
        const group = await ownership.balanced({ kind: 'target-group', name, id: arn });
        if (group !== undefined)
            await (await balancer()).deleteTargetGroup(group);
    }
}
async function releaseService(record, host, ownership) {
    if (!record.createdService && !record.previousTaskDefinition)
        return;
    const service = await ownership.service(record.service);
    if (service === undefined)
        return;
    if (record.createdService) {
        const result = await (await host()).deleteService(service);
        _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(result === 'deleted' ? `released ${record.service}` : `${record.service} was already gone`);
    }
    else if (record.previousTaskDefinition) {
        await (await host()).updateService(service, record.previousTaskDefinition);
        _runner_core_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`rolled ${record.service} back to ${record.previousTaskDefinition}`);
    }
}


/***/ }),

/***/ 3183:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  k: () => (/* binding */ PreviewRoute),
  O: () => (/* binding */ restoreRoute)
});

// EXTERNAL MODULE: ./src/runner/core.ts
var core = __nccwpck_require__(1019);
// EXTERNAL MODULE: ./src/domain/load-balancer.ts
var load_balancer = __nccwpck_require__(6013);
;// CONCATENATED MODULE: ./src/domain/load-balancer-quota.ts
// Whether the shared load balancer has room for what a deploy adds. An Application Load Balancer
// holds at most 100 target groups (a quota AWS does not raise) and, by default, 100 rules over all
// its listeners (default rules not counted), shared by every repository on it. A deploy that would
// pass either is refused before it creates anything, with a line that says which quota and what to
// do, instead of AWS's error halfway through.
/** The quotas' names in DescribeAccountLimits, and AWS's defaults for when it does not list them. */
const LOAD_BALANCER_QUOTAS = {
    rules: { name: 'rules-per-application-load-balancer', default: 100 },
    targetGroups: { name: 'target-groups-per-application-load-balancer', default: 100 }
};
/** The quota a deploy would pass, in one line; undefined when there is room. */
function quotaRefusal(occupancy, needs) {
    const targetGroupLimit = limitOf(occupancy.limits, LOAD_BALANCER_QUOTAS.targetGroups);
    if (needs.targetGroup && occupancy.targetGroups + 1 > targetGroupLimit)
        return (`the load balancer already uses ${occupancy.targetGroups} of its ${targetGroupLimit} target groups ` +
            `(${LOAD_BALANCER_QUOTAS.targetGroups.name}, which AWS does not raise): stop or expire previews, ` +
            'or give this repository a load balancer of its own');
    const ruleLimit = limitOf(occupancy.limits, LOAD_BALANCER_QUOTAS.rules);
    if (needs.rule && occupancy.rules + 1 > ruleLimit)
        return (`the load balancer already has ${occupancy.rules} of its ${ruleLimit} rules ` +
            `(${LOAD_BALANCER_QUOTAS.rules.name}): stop or expire previews, ` +
            'or ask AWS for a higher quota in Service Quotas');
    return undefined;
}
function limitOf(limits, quota) {
    return limits.get(quota.name) ?? quota.default;
}

// EXTERNAL MODULE: ./src/domain/resources.ts
var resources = __nccwpck_require__(3005);
;// CONCATENATED MODULE: ./src/run/routing.ts
// A PR's route through the shared load balancer, carried out: the domain decides what its
// listener rule must become (load-balancer.ts), this reads the facts it needs and makes the calls.
// A deploy prepares the route (the new target group attached, serving nothing yet), goes live by
// switching it in one call, and a failed deploy restores it; a teardown removes it. Every change
// to a rule or a target group reads its tags first (run/ownership.ts): another owner's is left
// alone.




/** Concurrent runs that keep taking the same priority first: give up after this many. */
const PRIORITY_ATTEMPTS = 10;
class PreviewRoute {
    balancer;
    settings;
    ownership;
    /** Target groups the rule was seen to forward to, by name: their ARNs need no look-up. */
    known = new Map();
    constructor(balancer, settings, ownership) {
        this.balancer = balancer;
        this.settings = settings;
        this.ownership = ownership;
    }
    get host() {
        return (0,resources/* previewHost */.pE)(this.settings.pr, this.settings.previewDomain);
    }
    /** The PR's address. */
    get url() {
        return (0,resources/* previewUrl */.e6)(this.settings.pr, this.settings.previewDomain);
    }
    /** Refuses the deploy, before it creates anything, when the load balancer has no room for the
     * rule and target group it would add (domain/load-balancer-quota.ts). */
    async ensureRoom(loadBalancerArn, group) {
        const [listeners, groups, limits] = await Promise.all([
            this.balancer.listenersOf(loadBalancerArn),
            this.balancer.listTargetGroups(loadBalancerArn),
            this.balancer.accountLimits()
        ]);
        const perListener = await Promise.all(listeners.map((arn) => this.balancer.listRules(arn)));
        const rules = perListener.flat().filter((rule) => rule.priority !== undefined);
        const refusal = quotaRefusal({ rules: rules.length, targetGroups: groups.length, limits }, {
            rule: (0,load_balancer/* ruleForHost */.cL)(rules, this.host) === undefined,
            targetGroup: !groups.some((g) => g.name === group)
        });
        if (refusal !== undefined)
            throw new Error(refusal);
    }
    /** Attach the commit's target group to the load balancer, through the PR's rule, so that ECS
     * accepts a service for it; nothing is served from it yet. */
    async prepare(sha, targetGroup) {
        const rules = await this.balancer.listRules();
        const rule = await this.claimedRule(rules);
        const preparation = (0,load_balancer/* prepareRoute */.$v)(rule, {
            host: this.host,
            sha,
            targetGroupArn: targetGroup.id,
            sourceCidrs: this.settings.sourceCidrs ?? [],
            ...(this.settings.signIn !== undefined && { signIn: this.settings.signIn })
        });
        const host = this.host;
        switch (preparation.kind) {
            case 'refuse':
                throw this.ownership.refusal(preparation.why);
            case 'keep':
                core/* info */.pq(`the listener rule for ${host} already serves ${sha}`);
                return { ruleArn: preparation.arn, host, created: false, switchNeeded: false };
            case 'modify':
                await this.balancer.modifyRule(preparation.rule, preparation.route);
                return {
                    ruleArn: preparation.rule.id,
                    host,
                    created: false,
                    previous: preparation.previous,
                    switchNeeded: true
                };
            case 'create':
                return {
                    ruleArn: await this.createRule(preparation.route, rules),
                    host,
                    created: true,
                    switchNeeded: true
                };
        }
    }
    /** The one call that moves the PR's address to the commit; the rule is read again first. */
    async goLive(prepared, targetGroupArn) {
        if (!prepared.switchNeeded)
            return;
        const verdict = await this.ownership.read(ruleOf(prepared));
        if (verdict === undefined)
            throw new Error(`the listener rule for ${this.host} is gone`);
        const rule = this.ownership.required(verdict);
        await this.balancer.modifyRule(rule, (0,load_balancer/* liveRoute */.kJ)(this.host, targetGroupArn, this.settings.sourceCidrs));
    }
    /** Every environment of the PR goes: its rule first, so that its target groups are free. */
    async remove() {
        const teardown = (0,load_balancer/* routeAfterTeardown */.k7)(await this.claimedRule(await this.balancer.listRules()));
        switch (teardown.kind) {
            case 'none':
                return;
            case 'left-alone':
                this.ownership.leave(teardown.why);
                return;
            case 'delete':
                await this.balancer.deleteRule(teardown.rule);
        }
    }
    /** The commit's target group, once its service is gone. */
    async removeTargetGroup(sha) {
        const name = (0,resources/* targetGroupName */.IT)(this.repository, this.settings.pr, sha);
        const arn = this.known.get(name) ?? (await this.balancer.findTargetGroup(name))?.arn;
        if (arn === undefined)
            return;
        const group = await this.ownership.balanced({ kind: 'target-group', name, id: arn });
        if (group !== undefined)
            await this.balancer.deleteTargetGroup(group);
    }
    get repository() {
        return this.settings.repository;
    }
    /** The rule for the PR's host, with the ownership rule's answer on its tags, read now. */
    async claimedRule(rules) {
        const rule = (0,load_balancer/* ruleForHost */.cL)(rules, this.host);
        if (rule === undefined)
            return undefined;
        for (const target of rule.forward)
            this.known.set((0,resources/* targetGroupNameOfArn */.uM)(target.arn), target.arn);
        const claim = await this.ownership.read({
            kind: 'listener-rule',
            name: this.host,
            id: rule.arn
        });
        return claim && { ...rule, claim };
    }
    /** A rule at a free priority; another run taking it first costs one more attempt. */
    async createRule(route, rules) {
        const taken = new Set(rules.flatMap((r) => (r.priority === undefined ? [] : [r.priority])));
        const preferred = (0,load_balancer/* preferredPriority */.kY)((0,resources/* repositoryKey */.Kq)(this.repository), this.settings.pr);
        for (let attempt = 1; attempt <= PRIORITY_ATTEMPTS; attempt++) {
            const priority = (0,load_balancer/* freePriority */.Zb)(taken, preferred);
            if (priority === undefined)
                throw new Error('the listener has no free rule priority left');
            const created = await this.balancer.createRule(route, priority, (0,resources/* ruleTags */.AC)(this.repository, this.settings.pr));
            if (created !== 'priority-in-use')
                return created;
            core/* info */.pq(`priority ${priority} was taken meanwhile; trying the next free one`);
            taken.add(priority);
        }
        throw new Error(`no free rule priority after ${PRIORITY_ATTEMPTS} attempts`);
    }
}
/** The rule a prepared route names, as the ownership check reads it. */
function ruleOf(prepared) {
    return { kind: 'listener-rule', name: prepared.host, id: prepared.ruleArn };
}
/** Undo a deploy's change to the rule: a rule it created goes, a rule it changed is put back;
 * either only while the rule is this repository's. */
async function restoreRoute(balancer, ownership, prepared) {
    if (!prepared.created && prepared.previous === undefined)
        return;
    const rule = await ownership.balanced(ruleOf(prepared));
    if (rule === undefined)
        return;
    if (prepared.created) {
        await balancer.deleteRule(rule);
    }
    else if (prepared.previous) {
        await balancer.modifyRule(rule, prepared.previous);
        core/* info */.pq(`restored the listener rule for ${prepared.host}`);
    }
}


/***/ }),

/***/ 1019:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   KT: () => (/* binding */ holdCommands),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Lb: () => (/* binding */ issueCommand),
/* harmony export */   N4: () => (/* binding */ endGroup),
/* harmony export */   Oh: () => (/* binding */ startGroup),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pg: () => (/* binding */ issueHeld),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   _o: () => (/* binding */ isDebug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
// The runner's side of a step: inputs, workflow commands on stdout (::error::, ::group::, …), the
// file commands (GITHUB_OUTPUT, GITHUB_STATE) and the job summary, in the formats @actions/core
// writes (a unit test compares the two). Showtime does not import @actions/core itself: its entry
// module loads its OIDC client (@actions/http-client, undici, tunnel) and its platform helpers
// (@actions/exec) at start, about a megabyte that every run, `check` included, would compile and
// evaluate before its first line, and none of which Showtime uses.




/** A value as a command carries it: strings as they are, anything else as JSON. */
function commandValue(value) {
    if (value === null || value === undefined)
        return '';
    return typeof value === 'string' || value instanceof String
        ? String(value)
        : JSON.stringify(value);
}
function escapeData(value) {
    return commandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
const holding = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
/**
 * Runs `body` with the workflow commands it issues (warnings, …) held back in `held`: while
 * another part of the step has fenced the log off with ::stop-commands:: (a build's output), a
 * command written meanwhile would be shown as text. `issueHeld` writes them once the fence is gone.
 */
function holdCommands(held, body) {
    return holding.run(held, body);
}
function issueHeld(held) {
    for (const line of held.splice(0))
        process.stdout.write(line);
}
/** Writes `::command key=value,…::message` on stdout; empty properties are left out. */
function issueCommand(command, properties = {}, message = '') {
    const props = Object.entries(properties)
        .filter(([, value]) => Boolean(value))
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    const line = `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`;
    const held = holding.getStore();
    if (held)
        held.push(line);
    else
        process.stdout.write(line);
}
/**
 * A heredoc delimiter for a file command, random as @actions/core's. Not from node:crypto, which
 * takes 15 ms to load on Node 24: the delimiter need not be unguessable, since a name or value
 * that contains it is refused.
 */
function heredocDelimiter() {
    const part = () => Math.random().toString(16).slice(2, 14).padEnd(12, '0');
    return `ghadelimiter_${part()}${part()}${part()}`;
}
/** Appends `name<<delimiter` … `delimiter` to the file the runner named in GITHUB_<command>. */
function issueFileCommand(command, name, value) {
    const file = process.env[`GITHUB_${command}`];
    if (!file)
        throw new Error(`Unable to find environment variable for file command ${command}`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    const delimiter = heredocDelimiter();
    const text = commandValue(value);
    if (name.includes(delimiter))
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (text.includes(delimiter))
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${text}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, 'utf8');
}
/** An action input: INPUT_<NAME> (spaces as `_`, upper-cased), trimmed unless asked not to. */
function getInput(name, options = {}) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
    if (options.required && !value)
        throw new Error(`Input required and not supplied: ${name}`);
    return options.trimWhitespace === false ? value : value.trim();
}
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT)
        return issueFileCommand('OUTPUT', name, value);
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
    issueCommand('set-output', { name }, commandValue(value));
}
/** Saved for the post step, which reads it back with getState. */
function saveState(name, value) {
    if (process.env.GITHUB_STATE)
        return issueFileCommand('STATE', name, value);
    issueCommand('save-state', { name }, commandValue(value));
}
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
/** Masks the value in the job's log from here on. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function debug(message) {
    issueCommand('debug', {}, message);
}
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
function annotation(kind, message, properties) {
    const props = Object.keys(properties).length === 0
        ? {}
        : {
            title: properties.title,
            file: properties.file,
            line: properties.startLine,
            endLine: properties.endLine,
            col: properties.startColumn,
            endColumn: properties.endColumn
        };
    issueCommand(kind, props, message instanceof Error ? message.toString() : message);
}
function error(message, properties = {}) {
    annotation('error', message, properties);
}
function warning(message, properties = {}) {
    annotation('warning', message, properties);
}
function notice(message, properties = {}) {
    annotation('notice', message, properties);
}
/** Fails the step: exit code 1 once the process ends, and the message as an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function startGroup(name) {
    issueCommand('group', {}, name);
}
function endGroup() {
    issueCommand('endgroup');
}
/** Runs `fn` inside a foldable group of the log. */
async function group(name, fn) {
    startGroup(name);
    try {
        return await fn();
    }
    finally {
        endGroup();
    }
}
/**
 * Appends HTML and a line break to the job summary (GITHUB_STEP_SUMMARY), as @actions/core's
 * `summary.addRaw(html, true).write()` does, with its error messages.
 */
async function appendSummary(html) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)(file, `${html}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, { encoding: 'utf8' });
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
