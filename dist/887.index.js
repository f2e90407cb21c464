export const id = 887;
export const ids = [887];
export const modules = {

/***/ 6887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployments: () => (/* binding */ deployments)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
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
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`GitHub deployments are skipped: the token may not ${what} (${error.message}). ` +
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


/***/ })

};
