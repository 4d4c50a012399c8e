export * as v107 from './v107'
export * as events from './events'
export * as storage from './storage'
