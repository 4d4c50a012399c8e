export * as v111 from './v111'
export * as events from './events'
export * as storage from './storage'
