// bottleneck/light.js is the build @octokit/plugin-throttling itself uses; it has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
