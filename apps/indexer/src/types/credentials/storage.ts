import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v106 from '../v106'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v106: new StorageType('Credentials.Issuers', 'Optional', [v106.AccountId32], v106.Issuer) as IssuersV106,
}

/**
 *  The registered issuers.
 */
export interface IssuersV106  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v106.AccountId32): Promise<(v106.Issuer | undefined)>
    getMany(block: Block, keys: v106.AccountId32[]): Promise<(v106.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v106.AccountId32[]>
    getKeys(block: Block, key: v106.AccountId32): Promise<v106.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v106.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v106.AccountId32): AsyncIterable<v106.AccountId32[]>
    getPairs(block: Block): Promise<[k: v106.AccountId32, v: (v106.Issuer | undefined)][]>
    getPairs(block: Block, key: v106.AccountId32): Promise<[k: v106.AccountId32, v: (v106.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v106.AccountId32, v: (v106.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v106.AccountId32): AsyncIterable<[k: v106.AccountId32, v: (v106.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v106: new StorageType('Credentials.Credentials', 'Optional', [v106.AccountId32, v106.CredentialKind], v106.Credential) as CredentialsV106,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV106  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v106.AccountId32, key2: v106.CredentialKind): Promise<(v106.Credential | undefined)>
    getMany(block: Block, keys: [v106.AccountId32, v106.CredentialKind][]): Promise<(v106.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v106.AccountId32, v106.CredentialKind][]>
    getKeys(block: Block, key1: v106.AccountId32): Promise<[v106.AccountId32, v106.CredentialKind][]>
    getKeys(block: Block, key1: v106.AccountId32, key2: v106.CredentialKind): Promise<[v106.AccountId32, v106.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v106.AccountId32, v106.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v106.AccountId32): AsyncIterable<[v106.AccountId32, v106.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v106.AccountId32, key2: v106.CredentialKind): AsyncIterable<[v106.AccountId32, v106.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
    getPairs(block: Block, key1: v106.AccountId32): Promise<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
    getPairs(block: Block, key1: v106.AccountId32, key2: v106.CredentialKind): Promise<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v106.AccountId32): AsyncIterable<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v106.AccountId32, key2: v106.CredentialKind): AsyncIterable<[k: [v106.AccountId32, v106.CredentialKind], v: (v106.Credential | undefined)][]>
}
