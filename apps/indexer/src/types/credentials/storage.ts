import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v111: new StorageType('Credentials.Issuers', 'Optional', [v111.AccountId32], v111.Issuer) as IssuersV111,
}

/**
 *  The registered issuers.
 */
export interface IssuersV111  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v111.AccountId32): Promise<(v111.Issuer | undefined)>
    getMany(block: Block, keys: v111.AccountId32[]): Promise<(v111.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v111.AccountId32[]>
    getKeys(block: Block, key: v111.AccountId32): Promise<v111.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v111.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v111.AccountId32): AsyncIterable<v111.AccountId32[]>
    getPairs(block: Block): Promise<[k: v111.AccountId32, v: (v111.Issuer | undefined)][]>
    getPairs(block: Block, key: v111.AccountId32): Promise<[k: v111.AccountId32, v: (v111.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v111.AccountId32, v: (v111.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v111.AccountId32): AsyncIterable<[k: v111.AccountId32, v: (v111.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v111: new StorageType('Credentials.Credentials', 'Optional', [v111.AccountId32, v111.CredentialKind], v111.Credential) as CredentialsV111,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV111  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v111.AccountId32, key2: v111.CredentialKind): Promise<(v111.Credential | undefined)>
    getMany(block: Block, keys: [v111.AccountId32, v111.CredentialKind][]): Promise<(v111.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v111.AccountId32, v111.CredentialKind][]>
    getKeys(block: Block, key1: v111.AccountId32): Promise<[v111.AccountId32, v111.CredentialKind][]>
    getKeys(block: Block, key1: v111.AccountId32, key2: v111.CredentialKind): Promise<[v111.AccountId32, v111.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v111.AccountId32, v111.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v111.AccountId32): AsyncIterable<[v111.AccountId32, v111.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v111.AccountId32, key2: v111.CredentialKind): AsyncIterable<[v111.AccountId32, v111.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
    getPairs(block: Block, key1: v111.AccountId32): Promise<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
    getPairs(block: Block, key1: v111.AccountId32, key2: v111.CredentialKind): Promise<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v111.AccountId32): AsyncIterable<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v111.AccountId32, key2: v111.CredentialKind): AsyncIterable<[k: [v111.AccountId32, v111.CredentialKind], v: (v111.Credential | undefined)][]>
}
