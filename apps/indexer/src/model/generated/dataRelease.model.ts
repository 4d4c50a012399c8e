import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Study} from "./study.model"

/**
 * A k-anonymous data release: its cohort size, never its members.
 */
@Entity_()
export class DataRelease {
    constructor(props?: Partial<DataRelease>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Study, {nullable: true})
    study!: Study

    @IntColumn_({nullable: false})
    release!: number

    @IntColumn_({nullable: false})
    version!: number

    @IntColumn_({nullable: false})
    cohortSize!: number

    @StringColumn_({nullable: false})
    requestHash!: string

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
