import RehabCore
import RehabJSON

/// A session's stored document, written directly: every session write stores one, and the generic
/// `JSONEncoder` spent about 4 % of a write's CPU in the web server's load test on it.
///
/// The bytes are exactly those `StorageCoding`'s encoder writes (sorted keys, absent values left out, slashes and
/// non-ASCII text as they are); a property test holds the two together.
extension StorageCoding {
    /// Encodes a session for its document column.
    public static func encode(_ session: ExerciseSession, _ context: String) throws(StorageError) -> String {
        var json = "{\"date\":\"\(session.date)\",\"exercises\":["
        for (index, exercise) in session.exercises.enumerated() {
            if index > 0 { json += "," }
            guard SessionDocument.append(exercise, to: &json) else {
                throw StorageError(.invalid, "\(context): cannot encode")
            }
        }
        json += "]"
        if let pain = session.painAfter { json += ",\"painAfter\":\(pain)" }
        if let pain = session.painBefore { json += ",\"painBefore\":\(pain)" }
        if let stopped = session.stoppedForPain { json += ",\"stoppedForPain\":\(stopped)" }
        return json + "}"
    }
}

/// The pieces of a session document.
enum SessionDocument {
    /// Appends an exercise's object, keys in sorted order; false when its load is not a finite number (which
    /// JSON cannot hold).
    static func append(_ exercise: PerformedExercise, to json: inout String) -> Bool {
        json += "{"
        if let difficulty = exercise.difficulty { json += "\"difficulty\":\"\(difficulty.rawValue)\"," }
        if let minutes = exercise.durationMinutes { json += "\"durationMinutes\":\(minutes)," }
        if let seconds = exercise.holdSeconds { json += "\"holdSeconds\":\(seconds)," }
        json += "\"id\":"
        JSONText.append(exercise.id.rawValue, to: &json)
        if let load = exercise.loadKg {
            guard load.isFinite else { return false }
            json += ",\"loadKg\":" + number(load)
        }
        if let pain = exercise.painDuring { json += ",\"painDuring\":\(pain)" }
        if let reps = exercise.reps { json += ",\"reps\":\(reps)" }
        if let sets = exercise.sets { json += ",\"sets\":\(sets)" }
        if let step = exercise.step { json += ",\"step\":\(step)" }
        if let height = exercise.stepHeightCm { json += ",\"stepHeightCm\":\(height)" }
        json += "}"
        return true
    }

    /// A finite number as the encoder writes it: Swift's shortest form, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
