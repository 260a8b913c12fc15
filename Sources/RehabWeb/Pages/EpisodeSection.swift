import Foundation
import RehabCore

/// The episode-of-care part of the clinician's patient page: discharge with the home program to keep (or, once
/// discharged, what was decided and a way to reopen), the progress summary, and correcting the surgery.
struct EpisodeSection {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Kept {
        let value: String
        let label: String
        let id: String
    }

    let patientID: String
    let today: String
    let discharged: String?
    let reasons: [Option]
    let keep: [Kept]
    let kinds: [Option]
    let left: Bool
    let right: Bool
    let surgeryDate: String
    let error: String?

    init(patient: Patient, plan: Plan, catalog: Catalog, today: CalendarDate, error: String?) {
        patientID = patient.id.description
        self.today = today.description
        discharged = patient.discharge.map { discharge in
            "Discharged on \(discharge.date): \(discharge.reason.label)." + (discharge.note.map { " \($0)" } ?? "")
        }
        reasons = DischargeReason.allCases.map {
            Option(value: $0.rawValue, label: $0.label, selected: $0 == .goalsMet)
        }
        keep = plan.exercises.filter { $0.category != .recovery && $0.change != .pause }.map {
            Kept(value: "\($0.id.rawValue):\($0.step)", label: "\($0.name), step \($0.step)", id: $0.id.rawValue)
        }
        kinds = SurgeryKind.allCases.map {
            Option(value: $0.rawValue, label: catalog.protocol(for: $0).name, selected: $0 == patient.surgery.kind)
        }
        left = patient.surgery.side == .left
        right = patient.surgery.side == .right
        surgeryDate = patient.surgery.date.description
        self.error = error
    }

    /// The discharge the form asks for: reason, date, note and the ticked exercises of the home program.
    static func discharge(from form: Form, today: CalendarDate) throws -> Discharge {
        guard let reason = form["reason"].flatMap(DischargeReason.init(rawValue:)) else {
            throw WebError.invalid("reason", "must be one of the listed reasons")
        }
        let date =
            try form["date"].map { text in
                guard let date = CalendarDate(iso: text) else { throw WebError.invalid("date", "must be a date") }
                return date
            } ?? today
        let keep = form.all("keep").compactMap { value -> KeptExercise? in
            let parts = value.split(separator: ":")
            guard parts.count == 2, let step = Int(parts[1]) else { return nil }
            return KeptExercise(id: ExerciseID(rawValue: String(parts[0])), step: step)
        }
        return Discharge(date: date, reason: reason, note: form["note"], keep: keep)
    }

    /// The corrected surgery the form asks for.
    static func surgery(from form: Form) throws -> Surgery {
        guard let kind = form["kind"].flatMap(SurgeryKind.init(rawValue:)) else {
            throw WebError.invalid("kind", "must be one of the listed pathways")
        }
        guard let side = form["side"].flatMap(Side.init(rawValue:)) else {
            throw WebError.invalid("side", "must be left or right")
        }
        guard let date = form["date"].flatMap(CalendarDate.init(iso:)) else {
            throw WebError.invalid("date", "must be a date")
        }
        return Surgery(kind: kind, side: side, date: date)
    }
}
