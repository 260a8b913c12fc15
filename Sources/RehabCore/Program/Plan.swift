/// What happens to an exercise's dose in this plan compared with the last time it was done.
public enum DoseChange: String, Codable, Sendable, CaseIterable {
    /// First time: the phase's starting step.
    case start
    /// One step up the ladder.
    case progress
    /// Same step as last time.
    case hold
    /// One step down the ladder.
    case regress
    /// Do not do this exercise until the clinician has looked.
    case pause
}

/// A phase, as named in a plan.
public struct PhaseReference: Codable, Hashable, Sendable {
    /// The phase id, e.g. `tkr-2`.
    public var id: String
    /// The phase name.
    public var name: String
}

/// One exercise of the day's plan, with its dose and, in a review, the change and why.
public struct PlannedExercise: Codable, Sendable, Equatable {
    /// The exercise id.
    public var id: ExerciseID
    /// Its name.
    public var name: String
    /// Its place in the session.
    public var category: ExerciseCategory
    /// Sets.
    public var sets: Int?
    /// Repetitions per set.
    public var reps: Int?
    /// Seconds held.
    public var holdSeconds: Int?
    /// Minutes, for warm-ups and ice.
    public var durationMinutes: Int?
    /// Step height in centimetres.
    public var stepHeightCm: Int?
    /// Added weight in kilograms.
    public var loadKg: Double?
    /// Sessions of it per day.
    public var timesPerDay: Int?
    /// Days per week.
    public var daysPerWeek: Int?
    /// The ladder step (1 = easiest).
    public var step: Int
    /// How many steps the ladder has.
    public var steps: Int
    /// The name of the variation at this step.
    public var stepName: String
    /// What changed since last time (in reviews).
    public var change: DoseChange?
    /// The id of the rule that decided the change.
    public var rule: String?
    /// The decision in words a patient understands.
    public var reason: String?
    /// When to do it, for ice.
    public var when: String?
    /// Precautions for this exercise now, in plain words.
    public var precautions: [String]?

    /// The dose at this step, gathered from the flattened fields.
    public var dose: Dose {
        Dose(
            sets: sets, reps: reps, holdSeconds: holdSeconds, durationMinutes: durationMinutes,
            stepHeightCm: stepHeightCm, loadKg: loadKg, timesPerDay: timesPerDay, daysPerWeek: daysPerWeek)
    }
}

/// Something the clinician should see, raised by a plan review.
public struct PlanAlert: Codable, Sendable, Equatable {
    /// How urgent it is.
    public var level: AlertLevel
    /// The rule that raised it.
    public var rule: String
    /// What happened, in plain words, without the patient's free text.
    public var message: String
    /// The exercise concerned, when one is.
    public var exercise: ExerciseID?
}

/// Where the patient stands against the next phase's entry criteria.
public struct PhaseGateStatus: Codable, Sendable, Equatable {
    /// The next phase, or nil in the last phase.
    public var next: PhaseReference?
    /// The earliest day the next phase may start.
    public var earliestDate: CalendarDate?
    /// Criteria met, in words with the value that met them.
    public var met: [String]
    /// Criteria not met yet, in words.
    public var unmet: [String]
    /// True when every criterion is met and the earliest day has come: the move can be proposed.
    public var ready: Bool
    /// True when the next phase's typical start has come and a measured range-of-motion criterion for it is not
    /// met: the knee is behind what the protocol expects by now.
    public var rangeOfMotionBehind: Bool = false

    private enum CodingKeys: String, CodingKey {
        case next, earliestDate, met, unmet, ready, rangeOfMotionBehind
    }

    /// Makes a status.
    public init(
        next: PhaseReference?, earliestDate: CalendarDate?, met: [String], unmet: [String], ready: Bool,
        rangeOfMotionBehind: Bool = false
    ) {
        self.next = next
        self.earliestDate = earliestDate
        self.met = met
        self.unmet = unmet
        self.ready = ready
        self.rangeOfMotionBehind = rangeOfMotionBehind
    }

    /// Reads a status; plans stored before `rangeOfMotionBehind` existed read as not behind.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        next = try c.decodeIfPresent(PhaseReference.self, forKey: .next)
        earliestDate = try c.decodeIfPresent(CalendarDate.self, forKey: .earliestDate)
        met = try c.decode([String].self, forKey: .met)
        unmet = try c.decode([String].self, forKey: .unmet)
        ready = try c.decode(Bool.self, forKey: .ready)
        rangeOfMotionBehind = try c.decodeIfPresent(Bool.self, forKey: .rangeOfMotionBehind) ?? false
    }
}

/// The share of prescribed sessions done in the last seven days.
public struct AdherenceSummary: Codable, Sendable, Equatable {
    /// Sessions logged in the seven days up to the plan's date.
    public var completed: Int
    /// Sessions prescribed in those days.
    public var prescribed: Int
    /// completed ÷ prescribed in percent, capped at 100.
    public var percent: Int
    /// At or above the catalog's adherence threshold.
    public var adherent: Bool
}

/// The program for one day: the phase, the exercises in the order they are done, precautions, alerts and gate.
public struct Plan: Codable, Sendable, Equatable {
    /// The surgery the plan is built around.
    public var surgery: Surgery
    /// The day of the plan.
    public var date: CalendarDate
    /// Days since surgery (or since the start of care).
    public var daysSinceSurgery: Int
    /// The current phase.
    public var phase: PhaseReference
    /// The exercises, warm-up first and recovery last.
    public var exercises: [PlannedExercise]
    /// Precautions of the phase and the exercises, in plain words.
    public var precautions: [String]
    /// Alerts for the clinician (reviews only).
    public var alerts: [PlanAlert]
    /// Progress against the next phase's criteria.
    public var phaseGate: PhaseGateStatus
    /// Adherence over the last seven days (reviews only).
    public var adherence: AdherenceSummary?
    /// The reminder that the program supports, and does not replace, the clinician.
    public var notice: String
    /// The end of care, when the patient has been discharged: the exercises are then the home program to keep.
    public var discharge: Discharge? = nil
}

extension Plan {
    /// The standing reminder printed with every plan, in English (`sentences.yaml`, key `notice`).
    public static var notice: String { Sentences.bundled.text("notice") }
}

extension Plan {
    /// What the plan asks the patient to do, as one comparable line: the phase, then each exercise's step and dose
    /// and whether it is paused; reasons and dates are left out. A review whose plan has the current revision's
    /// signature changes nothing for the patient, so the stores keep no new revision for it.
    public var doseSignature: String {
        var parts = [phase.id]
        for exercise in exercises {
            let numbers = [
                exercise.sets, exercise.reps, exercise.holdSeconds, exercise.durationMinutes, exercise.stepHeightCm,
                exercise.timesPerDay, exercise.daysPerWeek,
            ].map { $0.map(String.init) ?? "-" }
            let load = exercise.loadKg.map { String($0) } ?? "-"
            let paused = exercise.change == .pause ? " paused" : ""
            parts.append("\(exercise.id.rawValue)@\(exercise.step) \(numbers.joined(separator: ",")),\(load)\(paused)")
        }
        return parts.joined(separator: ";")
    }
}
