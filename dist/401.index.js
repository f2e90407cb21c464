export const id = 401;
export const ids = [401];
export const modules = {

/***/ 4401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   repositoryScanner: () => (/* binding */ repositoryScanner)
/* harmony export */ });
/* harmony import */ var _domain_labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5745);
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
                for (const node of page.nodes.filter((n) => (0,_domain_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .isShowtimeLabel */ .HD)(n.name))) {
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


/***/ })

};
