import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Delegate} from "./delegate.model"
import {KeyRotation} from "./keyRotation.model"

/**
 * A registered patient: a pseudonymous id and the account that acts for it.
 */
@Entity_()
export class Patient {
    constructor(props?: Partial<Patient>) {
        Object.assign(this, props)
    }

    /**
     * The patient id.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    account!: string

    /**
     * The provider organisation that onboarded the patient (none for self-registration).
     */
    @StringColumn_({nullable: true})
    sponsor!: string | undefined | null

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @IntColumn_({nullable: true})
    deregisteredBlock!: number | undefined | null

    @OneToMany_(() => Delegate, e => e.patient)
    delegates!: Delegate[]

    @OneToMany_(() => KeyRotation, e => e.patient)
    rotations!: KeyRotation[]
}
