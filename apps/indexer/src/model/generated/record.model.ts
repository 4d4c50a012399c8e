import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, ManyToOne as ManyToOne_, OneToMany as OneToMany_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {RecordRead} from "./recordRead.model"

/**
 * An anchored record version: versions form a chain through `previous`.
 */
@Entity_()
export class Record {
    constructor(props?: Partial<Record>) {
        Object.assign(this, props)
    }

    /**
     * The record id.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    /**
     * The blinded category tag (hex); an amendment keeps its predecessor's. None once erased.
     */
    @StringColumn_({nullable: true})
    category!: string | undefined | null

    /**
     * The account that anchored this version. None once erased.
     */
    @Index_()
    @StringColumn_({nullable: true})
    author!: string | undefined | null

    @BooleanColumn_({nullable: false})
    selfReported!: boolean

    @Index_()
    @ManyToOne_(() => Record, {nullable: true})
    previous!: Record | undefined | null

    @OneToMany_(() => Record, e => e.previous)
    supersededBy!: Record[]

    @IntColumn_({nullable: false})
    anchoredBlock!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    anchoredAt!: Date

    @IntColumn_({nullable: true})
    erasedBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    erasedAt!: Date | undefined | null

    @OneToMany_(() => RecordRead, e => e.record)
    reads!: RecordRead[]
}
