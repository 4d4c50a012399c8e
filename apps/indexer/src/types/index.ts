export * as v109 from './v109'
export * as events from './events'
export * as storage from './storage'
