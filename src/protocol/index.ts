export * from './constants'
export * from './schemas'
export * from './requests'
export * from './parse'
