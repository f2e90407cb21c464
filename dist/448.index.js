export const id = 448;
export const ids = [448];
export const modules = {

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

/***/ 7448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   definitionWriter: () => (/* binding */ definitionWriter),
/* harmony export */   labelWriter: () => (/* binding */ labelWriter)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _domain_label_definitions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1401);
/* harmony import */ var _domain_labels_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5745);
// Attaches and detaches PR labels, giving new label names their colour and description first.
// Every answer carries the PR's labels as GitHub now has them, which callers use as a fresh read.



function labelWriter(octokit, repository, known) {
    // Names attached somewhere already have a definition: they are never re-patched (reference Q15).
    const defined = new Set(known);
    async function define(name) {
        // Static definitions are kept by cleanup: a first use costs no request here.
        if (defined.has(name) || _domain_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .STATIC_LABELS */ .r4.includes(name))
            return;
        const { color, description } = (0,_domain_label_definitions_js__WEBPACK_IMPORTED_MODULE_1__/* .labelDefinition */ .k)(name);
        try {
            await octokit.rest.issues.createLabel({ ...repository, name, color, description });
        }
        catch (error) {
            const already = error.response?.data?.errors?.some((e) => e.code === 'already_exists');
            if (!already)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`could not create the label definition "${name}": ${error.message}`);
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
            const { color, description } = (0,_domain_label_definitions_js__WEBPACK_IMPORTED_MODULE_1__/* .labelDefinition */ .k)(name);
            await octokit.rest.issues.createLabel({ ...repository, name, color, description });
        },
        async update(name) {
            const { color, description } = (0,_domain_label_definitions_js__WEBPACK_IMPORTED_MODULE_1__/* .labelDefinition */ .k)(name);
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


/***/ })

};
