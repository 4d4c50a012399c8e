import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v107 from '../v107'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v107: new StorageType('Credentials.Issuers', 'Optional', [v107.AccountId32], v107.Issuer) as IssuersV107,
}

/**
 *  The registered issuers.
 */
export interface IssuersV107  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v107.AccountId32): Promise<(v107.Issuer | undefined)>
    getMany(block: Block, keys: v107.AccountId32[]): Promise<(v107.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v107.AccountId32[]>
    getKeys(block: Block, key: v107.AccountId32): Promise<v107.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v107.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v107.AccountId32): AsyncIterable<v107.AccountId32[]>
    getPairs(block: Block): Promise<[k: v107.AccountId32, v: (v107.Issuer | undefined)][]>
    getPairs(block: Block, key: v107.AccountId32): Promise<[k: v107.AccountId32, v: (v107.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v107.AccountId32, v: (v107.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v107.AccountId32): AsyncIterable<[k: v107.AccountId32, v: (v107.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v107: new StorageType('Credentials.Credentials', 'Optional', [v107.AccountId32, v107.CredentialKind], v107.Credential) as CredentialsV107,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV107  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v107.AccountId32, key2: v107.CredentialKind): Promise<(v107.Credential | undefined)>
    getMany(block: Block, keys: [v107.AccountId32, v107.CredentialKind][]): Promise<(v107.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v107.AccountId32, v107.CredentialKind][]>
    getKeys(block: Block, key1: v107.AccountId32): Promise<[v107.AccountId32, v107.CredentialKind][]>
    getKeys(block: Block, key1: v107.AccountId32, key2: v107.CredentialKind): Promise<[v107.AccountId32, v107.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v107.AccountId32, v107.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v107.AccountId32): AsyncIterable<[v107.AccountId32, v107.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v107.AccountId32, key2: v107.CredentialKind): AsyncIterable<[v107.AccountId32, v107.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
    getPairs(block: Block, key1: v107.AccountId32): Promise<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
    getPairs(block: Block, key1: v107.AccountId32, key2: v107.CredentialKind): Promise<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v107.AccountId32): AsyncIterable<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v107.AccountId32, key2: v107.CredentialKind): AsyncIterable<[k: [v107.AccountId32, v107.CredentialKind], v: (v107.Credential | undefined)][]>
}
