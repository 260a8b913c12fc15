import Foundation
import RehabCore

/// A measurement as the API takes it: the record's shape plus `method` and `note`. Without `method` a clinician's
/// entry is taken as the kind's clinic instrument (goniometer, dynamometer or timed test); a patient's is always
/// patient-reported.
struct MeasurementBody: Decodable {
    let date: CalendarDate?
    let kind: MeasurementKind
    let side: Side
    let value: Double
    let method: MeasurementMethod?
    let note: String?

    /// The measurement this body asks to store, dated today when it names no date.
    func measurement(today: CalendarDate, method chosen: MeasurementMethod) -> RehabCore.Measurement {
        RehabCore.Measurement(
            date: date ?? today, kind: kind, side: side, value: value, method: chosen,
            note: note.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The method a clinician's entry is stored with.
    func clinicianMethod(_ measures: MeasurementCatalog) -> MeasurementMethod {
        if let method { return method }
        let spec = measures.spec(kind)
        return spec.methods.first { ![.poseKeypoints, .patientReported].contains($0) } ?? spec.methods[0]
    }
}

/// The body of a strike-out.
struct StrikeBody: Decodable {
    let reason: String
}

/// A stored measurement as the API shows it.
struct MeasurementDocument: Encodable {
    struct Strike: Encodable {
        let reason: String
        let by: AccountID?
        let at: Date
    }

    let id: MeasurementID
    let date: CalendarDate
    let kind: MeasurementKind
    let side: Side
    let value: Double
    let unit: MeasurementUnit
    let method: MeasurementMethod?
    let note: String?
    let enteredAt: Date
    /// True when the value may open a phase gate (its method counts, and it is not struck out).
    let countsForGates: Bool
    let struck: Strike?

    init(_ stored: StoredMeasurement, measures: MeasurementCatalog) {
        let m = stored.measurement
        let spec = measures.spec(m.kind)
        id = stored.id
        date = m.date
        kind = m.kind
        side = m.side
        value = m.value
        unit = spec.unit
        method = m.method
        note = m.note
        enteredAt = stored.createdAt
        countsForGates = stored.strike == nil && spec.opensGate(m.method)
        struck = stored.strike.map { Strike(reason: $0.reason, by: $0.by, at: $0.at) }
    }
}

/// Every measurement of a patient with the limb symmetry of each kind compared between legs.
struct MeasurementListDocument: Encodable {
    struct Symmetry: Encodable {
        struct Point: Encodable {
            let date: CalendarDate
            let involved: Double
            let uninvolved: Double
            let index: Double
        }
        let kind: MeasurementKind
        let name: String
        let unit: MeasurementUnit
        let latest: Point?
        let criterion: Double?
        let history: [Point]
    }

    let measurements: [MeasurementDocument]
    let symmetry: [Symmetry]

    init(_ overview: MeasurementOverview, measures: MeasurementCatalog) {
        measurements = overview.entries.map { MeasurementDocument($0, measures: measures) }
        symmetry = overview.symmetry.map { item in
            let points = item.history.map {
                Symmetry.Point(
                    date: $0.date, involved: $0.involved, uninvolved: $0.uninvolved,
                    index: ($0.index * 10).rounded() / 10)
            }
            return Symmetry(
                kind: item.spec.kind, name: item.spec.name, unit: item.spec.unit, latest: points.last,
                criterion: item.criterion, history: points)
        }
    }
}
