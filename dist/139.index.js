export const id = 139;
export const ids = [139];
export const modules = {

/***/ 2139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pullRequestReader: () => (/* binding */ pullRequestReader)
/* harmony export */ });
/* harmony import */ var _domain_pull_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2901);
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
                if ((0,_domain_pull_request_js__WEBPACK_IMPORTED_MODULE_0__/* .isPermission */ .Y)(role))
                    return role;
                return (0,_domain_pull_request_js__WEBPACK_IMPORTED_MODULE_0__/* .isPermission */ .Y)(data.permission) ? data.permission : 'none';
            }
            catch (error) {
                if (error.status === 404)
                    return 'none';
                throw error;
            }
        }
    };
}


/***/ })

};
