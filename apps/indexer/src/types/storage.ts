export * as credentials from './credentials/storage'
