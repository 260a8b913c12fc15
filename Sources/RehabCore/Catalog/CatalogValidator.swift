/// Checks a decoded catalog for what YAML types cannot express: unknown ids, ladder gaps, overlapping phases,
/// doses out of range, missing sources and prescriptions that break their own restrictions.
struct CatalogValidator {
    let exercises: [Exercise]
    let protocols: [RehabProtocol]
    let progression: ProgressionSettings
    let measurements: [MeasurementSpec]

    private typealias Problem = CatalogError.Problem

    func problems() -> [CatalogError.Problem] {
        var found: [Problem] = []
        var seen = Set<ExerciseID>()
        for exercise in exercises {
            if !seen.insert(exercise.id).inserted {
                found.append(
                    .init(file: "exercises.yaml", keyPath: "exercises[\(exercise.id)]", problem: "is listed twice"))
            }
            found += check(exercise)
        }
        let byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in protocols {
            found += check(item, exercises: byID)
        }
        found += checkProgression()
        found += checkMeasurements()
        return found
    }

    // MARK: - Measurements

    /// Every kind described once, with a sensible range, methods it can be taken by, and gates opened only by
    /// methods it takes.
    private func checkMeasurements() -> [Problem] {
        var found: [Problem] = []
        func add(_ key: String, _ problem: String) {
            found.append(.init(file: "measurements.yaml", keyPath: key, problem: problem))
        }
        var seen = Set<MeasurementKind>()
        for spec in measurements {
            let at = "measurements[\(spec.kind.rawValue)]"
            if !seen.insert(spec.kind).inserted { add(at, "is listed twice") }
            if !(spec.range.min < spec.range.max) { add("\(at).range", "min must be below max") }
            if spec.methods.isEmpty { add("\(at).methods", "needs at least one method") }
            for method in spec.opensGates where !spec.methods.contains(method) {
                add("\(at).opensGates", "\(method.rawValue) is not one of the kind's methods")
            }
            if spec.source.allSatisfy(\.isWhitespace) { add("\(at).source", "needs a source") }
        }
        for kind in MeasurementKind.allCases where !seen.contains(kind) {
            add("measurements", "does not describe \(kind.rawValue)")
        }
        for exercise in exercises {
            guard let kind = exercise.patientMeasures else { continue }
            if let spec = measurements.first(where: { $0.kind == kind }), !spec.methods.contains(.patientReported) {
                found.append(
                    .init(
                        file: "exercises.yaml", keyPath: "exercises[\(exercise.id)].patientMeasures",
                        problem: "\(kind.rawValue) is not one a patient may report (measurements.yaml)"))
            }
        }
        return found
    }

    // MARK: - Exercises

    private func check(_ exercise: Exercise) -> [Problem] {
        let at = "exercises[\(exercise.id)]"
        var found: [Problem] = []
        func add(_ key: String, _ problem: String) {
            found.append(.init(file: "exercises.yaml", keyPath: "\(at)\(key)", problem: problem))
        }
        if exercise.steps.isEmpty { add(".steps", "needs at least one instruction") }
        if exercise.cues.isEmpty { add(".cues", "needs at least one cue") }
        if exercise.poses.count < 2 { add(".poses", "needs at least two key poses to draw the illustration") }
        if exercise.ladder.isEmpty { add(".ladder", "needs at least one step") }
        for (i, rung) in exercise.ladder.enumerated() {
            if rung.step != i + 1 {
                add(".ladder[\(i)].step", "is \(rung.step), expected \(i + 1) (no gaps, easiest first)")
            }
            if rung.dose.isEmpty { add(".ladder[\(i)].dose", "is empty") }
            if rung.source.isBlank { add(".ladder[\(i)].source", "is missing") }
            for field in rung.dose.checkedFields {
                if let value = field.value, !field.range.contains(value) {
                    add(
                        ".ladder[\(i)].dose.\(field.name)",
                        "\(value.clean) is outside \(field.range.lowerBound.clean)–\(field.range.upperBound.clean)")
                }
            }
            if let bend = rung.loadedKneeFlexion, !(0...150).contains(bend) {
                add(".ladder[\(i)].loadedKneeFlexion", "\(bend) is outside 0–150")
            }
        }
        for (i, restriction) in exercise.restrictions.enumerated() {
            if restriction.source.isBlank { add(".restrictions[\(i)].source", "is missing") }
            if let max = restriction.maxStep, !(1...exercise.ladder.count).contains(max) {
                add(".restrictions[\(i)].maxStep", "\(max) is not a step of the ladder (1–\(exercise.ladder.count))")
            }
            if (restriction.maxStep == nil) != (restriction.untilWeek == nil) {
                add(".restrictions[\(i)]", "maxStep and untilWeek go together")
            }
            if restriction.surgeries.isEmpty { add(".restrictions[\(i)].surgeries", "names no surgery") }
        }
        return found
    }

    // MARK: - Protocols

    private func check(_ item: RehabProtocol, exercises: [ExerciseID: Exercise]) -> [Problem] {
        let file = "protocols/\(item.kind.rawValue).yaml"
        var found: [Problem] = []
        func add(_ key: String, _ problem: String) { found.append(.init(file: file, keyPath: key, problem: problem)) }
        if item.sources.isEmpty { add("sources", "needs at least one source") }
        if item.phases.isEmpty { add("phases", "needs at least one phase") }
        for (i, limit) in item.loadedFlexionLimits.enumerated() where limit.source.isBlank {
            add("loadedFlexionLimits[\(i)].source", "is missing")
        }
        var ids = Set<String>()
        for (i, phase) in item.phases.enumerated() {
            let at = "phases[\(phase.id)]"
            if !ids.insert(phase.id).inserted { add(at, "phase id is used twice") }
            found += checkTiming(phase, index: i, of: item.phases, file: file)
            if phase.source.isBlank { add("\(at).source", "is missing") }
            if !(1...6).contains(phase.sessionsPerDay) {
                add("\(at).sessionsPerDay", "\(phase.sessionsPerDay) is outside 1–6")
            }
            if !(1...7).contains(phase.daysPerWeek) { add("\(at).daysPerWeek", "\(phase.daysPerWeek) is outside 1–7") }
            if i > 0, phase.entryCriteria.isEmpty { add("\(at).entryCriteria", "a later phase needs entry criteria") }
            for (j, criterion) in phase.entryCriteria.enumerated() {
                if let problem = criterion.problem { add("\(at).entryCriteria[\(j)]", problem) }
            }
            for precaution in phase.precautions where precaution.source.isBlank {
                add("\(at).precautions", "a precaution has no source")
            }
            if !phase.exercises.contains(where: { exercises[$0.id]?.category == .warmUp }) {
                add("\(at).exercises", "needs a warm-up")
            }
            for planned in phase.exercises {
                guard let exercise = exercises[planned.id] else {
                    add("\(at).exercises[\(planned.id)]", "unknown exercise")
                    continue
                }
                let rules = ExerciseRules(exercise: exercise, kind: item.kind, limits: item.loadedFlexionLimits)
                if let problem = rules.problem(startingAt: planned.step, fromWeek: phase.fromWeek) {
                    add("\(at).exercises[\(planned.id)]", problem)
                }
            }
        }
        return found
    }

    private func checkTiming(_ phase: Phase, index: Int, of phases: [Phase], file: String) -> [Problem] {
        let at = "phases[\(phase.id)]"
        var found: [Problem] = []
        if index == 0, phase.fromWeek != 0 {
            found.append(.init(file: file, keyPath: "\(at).fromWeek", problem: "the first phase starts at week 0"))
        }
        if let end = phase.toWeek, end <= phase.fromWeek {
            found.append(
                .init(file: file, keyPath: "\(at).toWeek", problem: "\(end) is not after fromWeek \(phase.fromWeek)"))
        }
        let isLast = index == phases.count - 1
        if isLast, phase.toWeek != nil {
            found.append(.init(file: file, keyPath: "\(at).toWeek", problem: "the last phase is open-ended"))
        }
        if !isLast {
            let next = phases[index + 1]
            if phase.toWeek == nil {
                found.append(
                    .init(file: file, keyPath: "\(at).toWeek", problem: "only the last phase may be open-ended"))
            } else if let end = phase.toWeek, next.fromWeek != end {
                let kind = next.fromWeek < end ? "overlaps" : "leaves a gap before"
                found.append(
                    .init(
                        file: file, keyPath: "\(at).toWeek",
                        problem: "\(end) \(kind) phases[\(next.id)] starting at week \(next.fromWeek)"))
            }
        }
        return found
    }

    // MARK: - Progression settings

    private func checkProgression() -> [Problem] {
        let p = progression
        let checks: [(String, SourcedValue, ClosedRange<Double>)] = [
            ("painGreenMax", p.painGreenMax, 0...10), ("painAmberMax", p.painAmberMax, 0...10),
            ("greenSessionsToProgress", p.greenSessionsToProgress, 1...10),
            ("redSessionsToPause", p.redSessionsToPause, 1...10),
            ("morningPainSlightlyHigher", p.morningPainSlightlyHigher, 1...10),
            ("morningPainClearlyHigher", p.morningPainClearlyHigher, 1...10),
            ("usualPainWindowDays", p.usualPainWindowDays, 1...60),
            ("swellingRepeatsToNotify", p.swellingRepeatsToNotify, 1...10),
            ("adherentPercent", p.adherentPercent, 1...100), ("icePainAfter", p.icePainAfter, 0...10),
            ("missedDaysToNotify", p.missedDaysToNotify, 1...60),
            ("checkInFreshDays", p.checkInFreshDays, 1...30), ("swellingBeforeDays", p.swellingBeforeDays, 0...7),
        ]
        var found: [Problem] = []
        for (name, value, range) in checks {
            if !range.contains(value.value) {
                found.append(
                    .init(
                        file: "progression.yaml", keyPath: "\(name).value",
                        problem: "\(value.value.clean) is outside \(range.lowerBound.clean)–\(range.upperBound.clean)"))
            }
            if value.source.isBlank {
                found.append(.init(file: "progression.yaml", keyPath: "\(name).source", problem: "is missing"))
            }
        }
        if p.painAmberMax.value <= p.painGreenMax.value {
            found.append(
                .init(file: "progression.yaml", keyPath: "painAmberMax.value", problem: "must be above painGreenMax"))
        }
        if p.morningPainClearlyHigher.value <= p.morningPainSlightlyHigher.value {
            found.append(
                .init(
                    file: "progression.yaml", keyPath: "morningPainClearlyHigher.value",
                    problem: "must be above morningPainSlightlyHigher"))
        }
        return found
    }
}

extension Criterion {
    /// What is wrong with the criterion's fields for its kind, if anything.
    var problem: String? {
        if source.isBlank { return "source is missing" }
        switch kind {
        case .swellingMax:
            return swelling == nil ? "swelling-max needs `swelling`" : nil
        case .limbSymmetryMin:
            guard measure != nil else { return "limb-symmetry-min needs `measure`" }
            return value.map { (1...150).contains($0) } == true ? nil : "needs `value` in percent (1–150)"
        case .painMax:
            return value.map { (0...10).contains($0) } == true ? nil : "needs `value` 0–10"
        case .kneeFlexionMin, .kneeExtensionDeficitMax, .extensorLagMax:
            return value.map { (-20...160).contains($0) } == true ? nil : "needs `value` in degrees"
        case .balanceSecondsMin:
            return value.map { (1...300).contains($0) } == true ? nil : "needs `value` in seconds (1–300)"
        }
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension Double {
    /// The number without a trailing `.0`, for messages.
    package var clean: String { rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
