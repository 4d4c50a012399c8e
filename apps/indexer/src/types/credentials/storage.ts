import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v110 from '../v110'

export const issuers =  {
    /**
     *  The registered issuers.
     */
    v110: new StorageType('Credentials.Issuers', 'Optional', [v110.AccountId32], v110.Issuer) as IssuersV110,
}

/**
 *  The registered issuers.
 */
export interface IssuersV110  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v110.AccountId32): Promise<(v110.Issuer | undefined)>
    getMany(block: Block, keys: v110.AccountId32[]): Promise<(v110.Issuer | undefined)[]>
    getKeys(block: Block): Promise<v110.AccountId32[]>
    getKeys(block: Block, key: v110.AccountId32): Promise<v110.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v110.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v110.AccountId32): AsyncIterable<v110.AccountId32[]>
    getPairs(block: Block): Promise<[k: v110.AccountId32, v: (v110.Issuer | undefined)][]>
    getPairs(block: Block, key: v110.AccountId32): Promise<[k: v110.AccountId32, v: (v110.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v110.AccountId32, v: (v110.Issuer | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v110.AccountId32): AsyncIterable<[k: v110.AccountId32, v: (v110.Issuer | undefined)][]>
}

export const credentials =  {
    /**
     *  The credentials, by subject and kind.
     */
    v110: new StorageType('Credentials.Credentials', 'Optional', [v110.AccountId32, v110.CredentialKind], v110.Credential) as CredentialsV110,
}

/**
 *  The credentials, by subject and kind.
 */
export interface CredentialsV110  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: v110.AccountId32, key2: v110.CredentialKind): Promise<(v110.Credential | undefined)>
    getMany(block: Block, keys: [v110.AccountId32, v110.CredentialKind][]): Promise<(v110.Credential | undefined)[]>
    getKeys(block: Block): Promise<[v110.AccountId32, v110.CredentialKind][]>
    getKeys(block: Block, key1: v110.AccountId32): Promise<[v110.AccountId32, v110.CredentialKind][]>
    getKeys(block: Block, key1: v110.AccountId32, key2: v110.CredentialKind): Promise<[v110.AccountId32, v110.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[v110.AccountId32, v110.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v110.AccountId32): AsyncIterable<[v110.AccountId32, v110.CredentialKind][]>
    getKeysPaged(pageSize: number, block: Block, key1: v110.AccountId32, key2: v110.CredentialKind): AsyncIterable<[v110.AccountId32, v110.CredentialKind][]>
    getPairs(block: Block): Promise<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
    getPairs(block: Block, key1: v110.AccountId32): Promise<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
    getPairs(block: Block, key1: v110.AccountId32, key2: v110.CredentialKind): Promise<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v110.AccountId32): AsyncIterable<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: v110.AccountId32, key2: v110.CredentialKind): AsyncIterable<[k: [v110.AccountId32, v110.CredentialKind], v: (v110.Credential | undefined)][]>
}
