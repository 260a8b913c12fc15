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

    /// Words for each number, in the bands of the pain-monitoring model the program uses (0–2 safe, 3–5
    /// acceptable, above 5 too much), so the words and the program's decisions agree.
    static func word(_ value: Int) -> String {
        switch value {
        case 0: "No pain"
        case 1...2: "A little"
        case 3...5: "Some, but OK"
        case 6...7: "A lot"
        case 8...9: "Very bad"
        default: "Worst possible"
        }
    }

    static func band(_ value: Int) -> String {
        switch value {
        case 0...2: "safe"
        case 3...5: "acceptable"
        default: "too-much"
        }
    }

    static func buttons(selected: Int?, field: String = "pain") -> [Button] {
        (0...10).map { Button(field: field, value: $0, word: word($0), checked: $0 == selected, band: band($0)) }
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
