// The client's checks, one per frame and REST response schema it reads (see ./core.ts for why). The
// building blocks (string, object, union…) stay inside this folder.
export { CheckError, runCheck, type Check, type CheckResult } from './core'
export * from './notification'
export * from './preferences'
export * from './wire'
export * from './rest'
