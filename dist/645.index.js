export const id = 645;
export const ids = [645];
export const modules = {

/***/ 157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ COMMENT_MARKER),
/* harmony export */   w: () => (/* binding */ renderComment)
/* harmony export */ });
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
// The one sticky PR comment: found again by its hidden marker and edited in place. Pure: the
// text is a function of what happened and of the environment's facts.

const COMMENT_MARKER = '<!-- showtime:status -->';
const STOP_LABEL = `\`${_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .TRIGGER_STOP */ .A$}\``;
const START_LABEL = `\`${_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .TRIGGER_START */ .Gu}\``;
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
    const extend = `\`${(0,_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .formatLabel */ .wR)({ kind: 'ttl', value: '1w' })}\``;
    switch (event.kind) {
        case 'building':
        case 'running':
            return [
                `Stop it: add ${STOP_LABEL} · Hold new commits: add \`${_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .FREEZE */ .kY}\` · Keep it longer: add ${extend} · Rebuild: add ${START_LABEL}`
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


/***/ }),

/***/ 6645:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stickyComment: () => (/* binding */ stickyComment)
/* harmony export */ });
/* harmony import */ var _domain_comment_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(157);
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
                id = comments.findLast((c) => c.body?.includes(_domain_comment_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMENT_MARKER */ .J))?.id;
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


/***/ })

};
