import RehabCore

/// One observation of the patient table.
struct PatientRow {
    var date: CalendarDate
    var kind: String
    var item: String
    var side = ""
    var value: String
    var unit = ""
    var method = ""
    var detail = ""

    /// The fields in `CSVExport.patientColumns` order.
    var fields: [String] { [date.description, kind, item, side, value, unit, method, detail] }
}

/// Turns a patient's history into the long table's rows, remembering the order they were added in.
struct PatientRows {
    /// Each measurement kind's unit.
    let units: MeasurementCatalog
    private var rows: [PatientRow] = []

    init(units: MeasurementCatalog) { self.units = units }

    /// The rows by date; rows of one day keep the order they were added in (sessions, check-ins, measurements,
    /// scores).
    func sorted() -> [PatientRow] {
        rows.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    // MARK: - Sessions

    /// Each session's own answers and the number of exercises, then each exercise's dose, pain and difficulty.
    mutating func add(sessions: [ExerciseSession]) {
        for (index, session) in sessions.enumerated() {
            let label = "session \(index + 1)"
            func row(_ item: String, _ value: String, _ unit: String) {
                rows.append(
                    PatientRow(date: session.date, kind: "session", item: item, value: value, unit: unit, detail: label)
                )
            }
            row("exercises", String(session.exercises.count), "count")
            if let pain = session.painBefore { row("painBefore", String(pain), "0-10") }
            if let pain = session.painAfter { row("painAfter", String(pain), "0-10") }
            if let stopped = session.stoppedForPain { row("stoppedForPain", Self.text(stopped), "") }
            for exercise in session.exercises { add(exercise: exercise, date: session.date, label: label) }
        }
    }

    private mutating func add(exercise: PerformedExercise, date: CalendarDate, label: String) {
        let counts: [(String, Int?, String)] = [
            ("sets", exercise.sets, "count"), ("reps", exercise.reps, "count"),
            ("holdSeconds", exercise.holdSeconds, "s"), ("durationMinutes", exercise.durationMinutes, "min"),
            ("stepHeightCm", exercise.stepHeightCm, "cm"),
        ]
        var values = counts.compactMap { name, value, unit in value.map { (name, String($0), unit) } }
        if let load = exercise.loadKg { values.append(("loadKg", load.clean, "kg")) }
        if let step = exercise.step { values.append(("step", String(step), "step")) }
        if let pain = exercise.painDuring { values.append(("painDuring", String(pain), "0-10")) }
        if let difficulty = exercise.difficulty { values.append(("difficulty", difficulty.rawValue, "")) }
        if values.isEmpty { values.append(("done", "true", "")) }
        for (name, value, unit) in values {
            rows.append(
                PatientRow(
                    date: date, kind: "exercise", item: "\(exercise.id.rawValue).\(name)", value: value, unit: unit,
                    detail: label))
        }
    }

    // MARK: - Check-ins

    /// Each answered question of each check-in, then its triage level and the rules that fired, when known.
    mutating func add(checkIns: [(CheckIn, TriageResult?)]) {
        for (index, (checkIn, triage)) in checkIns.enumerated() {
            let label = "check-in \(index + 1)"
            func row(_ item: String, _ value: String, _ unit: String, _ detail: String = label) {
                rows.append(
                    PatientRow(
                        date: checkIn.date, kind: "check-in", item: item, value: value, unit: unit, detail: detail))
            }
            if let pain = checkIn.painAtRest { row("painAtRest", String(pain), "0-10") }
            if let pain = checkIn.painMorning { row("painMorning", String(pain), "0-10") }
            if let swelling = checkIn.swelling { row("swelling", swelling.rawValue, "") }
            if let temperature = checkIn.temperatureCelsius { row("temperatureCelsius", temperature.clean, "Cel") }
            let answers: [(String, Bool?)] = [
                ("woundRedness", checkIn.woundRedness), ("woundDrainage", checkIn.woundDrainage),
                ("calfPainOrSwelling", checkIn.calfPainOrSwelling),
                ("chestPainOrBreathless", checkIn.chestPainOrBreathless), ("giveWay", checkIn.giveWay),
                ("kneeLocked", checkIn.kneeLocked), ("footNumbOrCold", checkIn.footNumbOrCold),
            ]
            for (name, answer) in answers { if let answer { row(name, Self.text(answer), "") } }
            if let triage {
                let rules = triage.reasons.map(\.rule).joined(separator: " ")
                row("triage", triage.level.rawValue, "", rules.isEmpty ? label : "\(label); rules: \(rules)")
            }
        }
    }

    // MARK: - Measurements and scores

    /// One row per measurement, in the kind's unit, with its method and note.
    mutating func add(measurements: [Measurement]) {
        for measurement in measurements {
            rows.append(
                PatientRow(
                    date: measurement.date, kind: "measurement", item: measurement.kind.rawValue,
                    side: measurement.side.rawValue, value: measurement.value.clean,
                    unit: Self.symbol(units.spec(measurement.kind).unit), method: measurement.method?.rawValue ?? "",
                    detail: CSVTable.defused(measurement.note ?? "")))
        }
    }

    /// One row per scale of each response (`koos.pain`, `lefs.score`…); a scale that could not be scored has an
    /// empty value.
    mutating func add(responses: [QuestionnaireResponse]) {
        for (index, response) in responses.enumerated() {
            let label = "response \(index + 1)"
            let instrument = response.instrument.rawValue
            let range = Self.range(of: response.instrument)
            for (scale, value) in response.score.scales {
                rows.append(
                    PatientRow(
                        date: response.date, kind: "score", item: "\(instrument).\(scale)", value: value?.clean ?? "",
                        unit: range, detail: value == nil ? "\(label); not scored" : label))
            }
            if case .koosJR(let result) = response.score {
                rows.append(
                    PatientRow(
                        date: response.date, kind: "score", item: "\(instrument).raw", value: String(result.raw),
                        unit: "0-28", detail: label))
            }
        }
    }

    // MARK: - Words

    private static func text(_ flag: Bool) -> String { flag ? "true" : "false" }

    /// The unit as a UCUM code, so the column reads the same as the FHIR export's units.
    static func symbol(_ unit: MeasurementUnit) -> String {
        switch unit {
        case .degrees: "deg"
        case .seconds: "s"
        case .newtons: "N"
        case .centimetres: "cm"
        }
    }

    /// The range an instrument's scores are reported on.
    static func range(of instrument: Instrument) -> String {
        switch instrument {
        case .nprs: "0-10"
        case .lefs: "0-80"
        case .koos, .koosJR, .ikdc: "0-100"
        }
    }
}
