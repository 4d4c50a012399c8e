export * as v110 from './v110'
export * as events from './events'
export * as storage from './storage'
