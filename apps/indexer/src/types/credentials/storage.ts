import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v109 from '../v109'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v109: new StorageType('Credentials.Issuers', 'Optional', [v109.AccountId32], v109.Issuer) as IssuersV109,
}

/**
 *  The registered issuers.
 */
export interface IssuersV109  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v109.AccountId32): Promise<(v109.Issuer | undefined)>
    getMany(block: Block, keys: v109.AccountId32[]): Promise<(v109.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v109.AccountId32[]>
    getKeys(block: Block, key: v109.AccountId32): Promise<v109.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v109.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v109.AccountId32): AsyncIterable<v109.AccountId32[]>
    getPairs(block: Block): Promise<[k: v109.AccountId32, v: (v109.Issuer | undefined)][]>
    getPairs(block: Block, key: v109.AccountId32): Promise<[k: v109.AccountId32, v: (v109.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v109.AccountId32, v: (v109.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v109.AccountId32): AsyncIterable<[k: v109.AccountId32, v: (v109.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v109: new StorageType('Credentials.Credentials', 'Optional', [v109.AccountId32, v109.CredentialKind], v109.Credential) as CredentialsV109,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV109  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v109.AccountId32, key2: v109.CredentialKind): Promise<(v109.Credential | undefined)>
    getMany(block: Block, keys: [v109.AccountId32, v109.CredentialKind][]): Promise<(v109.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v109.AccountId32, v109.CredentialKind][]>
    getKeys(block: Block, key1: v109.AccountId32): Promise<[v109.AccountId32, v109.CredentialKind][]>
    getKeys(block: Block, key1: v109.AccountId32, key2: v109.CredentialKind): Promise<[v109.AccountId32, v109.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v109.AccountId32, v109.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v109.AccountId32): AsyncIterable<[v109.AccountId32, v109.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v109.AccountId32, key2: v109.CredentialKind): AsyncIterable<[v109.AccountId32, v109.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
    getPairs(block: Block, key1: v109.AccountId32): Promise<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
    getPairs(block: Block, key1: v109.AccountId32, key2: v109.CredentialKind): Promise<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v109.AccountId32): AsyncIterable<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v109.AccountId32, key2: v109.CredentialKind): AsyncIterable<[k: [v109.AccountId32, v109.CredentialKind], v: (v109.Credential | undefined)][]>
}
