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
    static func word(_ value: Int, zone: PainZone, words: Words) -> String {
        switch (value, zone) {
        case (0, _): words["pain_none"]
        case (_, .green): words["pain_little"]
        case (_, .amber): words["pain_some"]
        case (10, .red): words["pain_worst"]
        case (_, .red): words["pain_too_much"]
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
    static func buttons(selected: Int?, field: String = "pain", settings: ProgressionSettings, words: Words)
        -> [Button]
    {
        (0...10).map { value in
            let zone = settings.zone(ofPain: value)
            return Button(
                field: field, value: value, word: word(value, zone: zone, words: words), checked: value == selected,
                band: band(zone))
        }
    }

    static func difficulties(selected: Difficulty?, words: Words) -> [Choice] {
        [
            Choice(field: "difficulty", value: "easy", label: words["effort_easy"], checked: selected == .easy),
            Choice(field: "difficulty", value: "right", label: words["effort_right"], checked: selected == .right),
            Choice(field: "difficulty", value: "hard", label: words["effort_hard"], checked: selected == .hard),
        ]
    }
}

/// A dose in plain words, e.g. "3 sets of 10, hold each for 5 seconds, 2 times a day".
enum DoseText {
    static func of(_ item: PlannedExercise, words: Words) -> String {
        var parts: [String] = []
        if let sets = item.sets, let reps = item.reps {
            parts.append(words(sets == 1 ? "dose_set_of" : "dose_sets_of", ["sets": "\(sets)", "reps": "\(reps)"]))
        } else if let reps = item.reps {
            parts.append(words("dose_reps", ["reps": "\(reps)"]))
        } else if let sets = item.sets {
            parts.append(words(sets == 1 ? "dose_one_time" : "dose_times", ["sets": "\(sets)"]))
        }
        if let hold = item.holdSeconds { parts.append(words("dose_hold", ["seconds": "\(hold)"])) }
        if let minutes = item.durationMinutes { parts.append(words("dose_minutes", ["minutes": "\(minutes)"])) }
        if let height = item.stepHeightCm { parts.append(words("dose_step", ["height": "\(height)"])) }
        if let load = item.loadKg { parts.append(words("dose_load", ["load": Self.number(load, words.language)])) }
        if let times = item.timesPerDay, times > 1 { parts.append(words("dose_per_day", ["times": "\(times)"])) }
        return parts.joined(separator: ", ")
    }

    /// A weight as the language writes it: 2.5 in English, 2,5 in Spanish.
    static func number(_ value: Double, _ language: Language) -> String {
        let text = value.formatted()
        return language == .spanish ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
