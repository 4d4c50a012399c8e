export * as v108 from './v108'
export * as events from './events'
export * as storage from './storage'
