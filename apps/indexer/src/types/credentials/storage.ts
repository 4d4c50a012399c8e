import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v108 from '../v108'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v108: new StorageType('Credentials.Issuers', 'Optional', [v108.AccountId32], v108.Issuer) as IssuersV108,
}

/**
 *  The registered issuers.
 */
export interface IssuersV108  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v108.AccountId32): Promise<(v108.Issuer | undefined)>
    getMany(block: Block, keys: v108.AccountId32[]): Promise<(v108.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v108.AccountId32[]>
    getKeys(block: Block, key: v108.AccountId32): Promise<v108.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v108.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v108.AccountId32): AsyncIterable<v108.AccountId32[]>
    getPairs(block: Block): Promise<[k: v108.AccountId32, v: (v108.Issuer | undefined)][]>
    getPairs(block: Block, key: v108.AccountId32): Promise<[k: v108.AccountId32, v: (v108.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v108.AccountId32, v: (v108.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v108.AccountId32): AsyncIterable<[k: v108.AccountId32, v: (v108.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v108: new StorageType('Credentials.Credentials', 'Optional', [v108.AccountId32, v108.CredentialKind], v108.Credential) as CredentialsV108,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV108  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v108.AccountId32, key2: v108.CredentialKind): Promise<(v108.Credential | undefined)>
    getMany(block: Block, keys: [v108.AccountId32, v108.CredentialKind][]): Promise<(v108.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v108.AccountId32, v108.CredentialKind][]>
    getKeys(block: Block, key1: v108.AccountId32): Promise<[v108.AccountId32, v108.CredentialKind][]>
    getKeys(block: Block, key1: v108.AccountId32, key2: v108.CredentialKind): Promise<[v108.AccountId32, v108.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v108.AccountId32, v108.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v108.AccountId32): AsyncIterable<[v108.AccountId32, v108.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v108.AccountId32, key2: v108.CredentialKind): AsyncIterable<[v108.AccountId32, v108.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
    getPairs(block: Block, key1: v108.AccountId32): Promise<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
    getPairs(block: Block, key1: v108.AccountId32, key2: v108.CredentialKind): Promise<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v108.AccountId32): AsyncIterable<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v108.AccountId32, key2: v108.CredentialKind): AsyncIterable<[k: [v108.AccountId32, v108.CredentialKind], v: (v108.Credential | undefined)][]>
}
