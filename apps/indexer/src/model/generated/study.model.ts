import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Participation} from "./participation.model"
import {DataRelease} from "./dataRelease.model"

/**
 * A research study and its protocol versions' count.
 */
@Entity_()
export class Study {
    constructor(props?: Partial<Study>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    sponsor!: string

    @StringColumn_({nullable: false})
    kind!: string

    @StringColumn_({nullable: false})
    registryHash!: string

    @StringColumn_({nullable: false})
    categoriesHash!: string

    @IntColumn_({nullable: false})
    categoryCount!: number

    @IntColumn_({nullable: false})
    target!: number

    @IntColumn_({nullable: false})
    minCohort!: number

    @StringColumn_({nullable: false})
    status!: string

    @IntColumn_({nullable: false})
    version!: number

    @StringColumn_({nullable: true})
    resultsHash!: string | undefined | null

    @BooleanColumn_({nullable: true})
    outcomesSwitched!: boolean | undefined | null

    @BooleanColumn_({nullable: true})
    resultsLate!: boolean | undefined | null

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @OneToMany_(() => Participation, e => e.study)
    participations!: Participation[]

    @OneToMany_(() => DataRelease, e => e.study)
    releases!: DataRelease[]
}
