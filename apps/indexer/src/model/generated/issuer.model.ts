import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A credential issuer (a licensing board): registered and removed by the consortium.
 */
@Entity_()
export class Issuer {
    constructor(props?: Partial<Issuer>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @StringColumn_({array: true, nullable: false})
    kinds!: (string)[]

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @IntColumn_({nullable: true})
    removedBlock!: number | undefined | null
}
