export * as v106 from './v106'
export * as events from './events'
export * as storage from './storage'
