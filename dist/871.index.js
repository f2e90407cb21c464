export const id = 871;
export const ids = [871];
export const modules = {

/***/ 3871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildCommand: () => (/* binding */ buildCommand),
/* harmony export */   dockerBuilder: () => (/* binding */ dockerBuilder)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2876);
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
        const code = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`docker ${args.join(' ')}`, () => (0,_actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .exec */ .m)('docker', args, { ignoreReturnCode: true }));
        if (code !== 0)
            throw new Error(`docker build of ${spec.image} failed with exit code ${code}`);
    }
};


/***/ })

};
