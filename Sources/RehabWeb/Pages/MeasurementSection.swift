import Foundation
import RehabCore

/// The measurements part of the clinician's patient page: a short entry form (one value per leg), the limb symmetry
/// of each kind beside the protocol's criterion with its chart, and every entry with a strike-out for mistakes.
struct MeasurementSection {
    struct Option {
        let value: String
        let label: String
    }

    struct SymmetryRow {
        let name: String
        let involved: String
        let uninvolved: String
        let index: String
        let criterion: String
        let met: Bool
    }

    struct EntryRow {
        let id: String
        let date: String
        let name: String
        let leg: String
        let value: String
        let method: String
        let note: String?
        let counts: Bool
        let struck: String?
    }

    let patientID: String
    let today: String
    let operatedSide: String
    let otherSide: String
    let kinds: [Option]
    let methods: [Option]
    let symmetry: [SymmetryRow]
    let charts: [String]
    let entries: [EntryRow]
    let error: String?
    let hasSymmetry: Bool
    let hasEntries: Bool

    init(
        _ overview: MeasurementOverview, patient: Patient, catalog: Catalog, today: CalendarDate, error: String?
    ) {
        let measures = catalog.measurements
        let surgery = patient.surgery
        patientID = patient.id.description
        self.today = today.description
        operatedSide = surgery.side.rawValue
        otherSide = surgery.side.other.rawValue
        kinds = measures.specs.map { Option(value: $0.kind.rawValue, label: "\($0.name) (\($0.unit.rawValue))") }
        methods = MeasurementMethod.allCases.filter { $0 != .poseKeypoints }.map {
            Option(value: $0.rawValue, label: $0.label.prefix(1).uppercased() + $0.label.dropFirst())
        }
        symmetry = overview.symmetry.compactMap { item in
            guard let latest = item.history.last else { return nil }
            let index = latest.index.rounded()
            return SymmetryRow(
                name: item.spec.name, involved: item.spec.format(latest.involved),
                uninvolved: item.spec.format(latest.uninvolved), index: "\(index.clean)%",
                criterion: item.criterion.map { "at least \($0.clean)%" } ?? "none in this protocol",
                met: item.criterion.map { index >= $0 } ?? false)
        }
        charts = overview.symmetry.map { item in
            Charts.line(
                id: "lsi-\(item.spec.kind.rawValue)", title: "\(item.spec.name): limb symmetry",
                summary: "The operated leg as a percentage of the other, on days both were measured. "
                    + (item.criterion.map { "The protocol asks for at least \($0.clean)%." } ?? ""),
                points: item.history.map { ChartPoint(date: $0.date, value: $0.index) }, yDomain: 0...120,
                unit: "%", goal: item.criterion)
        }
        entries = overview.entries.reversed().map { stored in
            let m = stored.measurement
            let spec = measures.spec(m.kind)
            return EntryRow(
                id: stored.id.description, date: m.date.description, name: spec.name,
                leg: m.side == surgery.side ? "operated (\(m.side.rawValue))" : "other (\(m.side.rawValue))",
                value: spec.format(m.value), method: m.method?.label ?? "not stated", note: m.note,
                counts: stored.strike == nil && spec.opensGate(m.method),
                struck: stored.strike.map { "Struck out \(ClinicPages.day($0.at)): \($0.reason)" })
        }
        self.error = error
        hasSymmetry = !symmetry.isEmpty
        hasEntries = !entries.isEmpty
    }

    /// The measurements the entry form asks to store: one for each leg given a value.
    static func measurements(from form: Form, surgery: Surgery, today: CalendarDate) throws -> [RehabCore.Measurement] {
        guard let kind = form["kind"].flatMap(MeasurementKind.init(rawValue:)) else {
            throw WebError.invalid("kind", "must be one of the listed measurements")
        }
        guard let method = form["method"].flatMap(MeasurementMethod.init(rawValue:)) else {
            throw WebError.invalid("method", "must be one of the listed methods")
        }
        let date =
            try form["date"].map { text in
                guard let date = CalendarDate(iso: text) else { throw WebError.invalid("date", "must be a date") }
                return date
            } ?? today
        let note = form["note"].flatMap { $0.isEmpty ? nil : $0 }
        var found: [RehabCore.Measurement] = []
        for (field, side) in [("operated", surgery.side), ("other", surgery.side.other)] {
            guard let text = form[field], !text.isEmpty else { continue }
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                throw WebError.invalid(field, "must be a number")
            }
            found.append(
                RehabCore.Measurement(date: date, kind: kind, side: side, value: value, method: method, note: note))
        }
        guard !found.isEmpty else { throw WebError.invalid("operated", "needs a value for at least one leg") }
        return found
    }
}
