export const id = 313;
export const ids = [313];
export const modules = {

/***/ 9313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadTemplate: () => (/* binding */ loadTemplate)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/domain/task-definition.ts
var task_definition = __webpack_require__(305);
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
    const problem = (0,task_definition/* templateProblem */.M)(parsed);
    if (problem)
        throw new errors/* InputError */.d(`Input "task-definition" (${path}) is not a task definition: ${problem}.`);
    return parsed;
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


/***/ })

};
