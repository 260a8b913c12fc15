import RehabCore

/// The eleven pain buttons (0–10) with words beside the numbers, and the three effort choices.
enum PainScale {
    struct Button {
        let field: String
        let value: Int
        let word: String
        let checked: Bool
        let band: String
    }

    struct Choice {
        let field: String
        let value: String
        let label: String
        let checked: Bool
    }

    /// Words for each number, following the zones of the pain-monitoring model in `progression.yaml` (the ones
    /// the program decides by), so the words and the program's decisions always agree.
    static func word(_ value: Int, zone: PainZone) -> String {
        switch (value, zone) {
        case (0, _): "No pain"
        case (_, .green): "A little"
        case (_, .amber): "Some, but OK"
        case (10, .red): "Worst possible"
        case (_, .red): "Too much"
        }
    }

    /// The colour band of a button: the zone's name in the patient's words.
    static func band(_ zone: PainZone) -> String {
        switch zone {
        case .green: "safe"
        case .amber: "acceptable"
        case .red: "too-much"
        }
    }

    /// The eleven buttons for a form field, with the zones from the catalog's progression settings.
    static func buttons(selected: Int?, field: String = "pain", settings: ProgressionSettings) -> [Button] {
        (0...10).map { value in
            let zone = settings.zone(ofPain: value)
            return Button(
                field: field, value: value, word: word(value, zone: zone), checked: value == selected,
                band: band(zone))
        }
    }

    static func difficulties(selected: Difficulty?) -> [Choice] {
        [
            Choice(field: "difficulty", value: "easy", label: "Easy", checked: selected == .easy),
            Choice(field: "difficulty", value: "right", label: "About right", checked: selected == .right),
            Choice(field: "difficulty", value: "hard", label: "Too hard", checked: selected == .hard),
        ]
    }
}

/// A dose in plain words, e.g. "3 sets of 10, hold each for 5 seconds, 2 times a day".
enum DoseText {
    static func of(_ item: PlannedExercise) -> String {
        var parts: [String] = []
        if let sets = item.sets, let reps = item.reps {
            parts.append("\(sets) \(sets == 1 ? "set" : "sets") of \(reps)")
        } else if let reps = item.reps {
            parts.append("\(reps) times")
        } else if let sets = item.sets {
            parts.append("\(sets) \(sets == 1 ? "time" : "times")")
        }
        if let hold = item.holdSeconds { parts.append("hold each for \(hold) seconds") }
        if let minutes = item.durationMinutes { parts.append("\(minutes) minutes") }
        if let height = item.stepHeightCm { parts.append("on a \(height) cm step") }
        if let load = item.loadKg { parts.append("with \(load.formatted()) kg") }
        if let times = item.timesPerDay, times > 1 { parts.append("\(times) times a day") }
        return parts.joined(separator: ", ")
    }
}
