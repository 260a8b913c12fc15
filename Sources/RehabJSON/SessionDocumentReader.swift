import Foundation
import RehabCore

/// Reads a session's JSON (the API's body and the stored document) without the generic decoder, for the shape
/// sessions are written in: known keys once each, whole numbers as plain digits, text without escapes.
/// Anything else gives nil and the caller decodes generically, which then also names any error; a property test
/// checks that whatever this reads, the generic decoder reads the same.
///
/// Every session write decodes its body, and a history not in the record cache decodes every stored session; the
/// generic decoder was about 5 % of a session write's CPU in the web server's load test.
public enum SessionDocumentReader {
    /// The session in `data`, or nil when it is not in the plain shape (the generic decoder then decides).
    public static func session(from data: Data) -> ExerciseSession? {
        PlainJSONReader.document(data) { $0.session() }
    }

    /// The same for a stored document.
    public static func session(from text: String) -> ExerciseSession? {
        PlainJSONReader.document(text) { $0.session() }
    }
}

extension PlainJSONReader {
    fileprivate mutating func session() -> ExerciseSession? {
        var date: CalendarDate?
        var exercises: [PerformedExercise]?
        var painBefore: Int?
        var painAfter: Int?
        var stopped: Bool?
        var seen = Keys()
        let complete = object { key, reader in
            switch key {
            case "date":
                guard seen.first(0), let text = reader.string(), let value = CalendarDate(iso: text) else {
                    return false
                }
                date = value
                return true
            case "exercises":
                guard seen.first(1) else { return false }
                exercises = reader.array { reader in reader.exercise() }
                return exercises != nil
            case "painBefore": return seen.first(2) && reader.optionalInt(into: &painBefore)
            case "painAfter": return seen.first(3) && reader.optionalInt(into: &painAfter)
            case "stoppedForPain": return seen.first(4) && reader.optionalBool(into: &stopped)
            default: return false
            }
        }
        guard complete, let date, let exercises else { return nil }
        return ExerciseSession(
            date: date, painBefore: painBefore, painAfter: painAfter, stoppedForPain: stopped, exercises: exercises)
    }

    private mutating func exercise() -> PerformedExercise? {
        var exercise = PerformedExercise(id: "")
        var seen = Keys()
        let complete = object { key, reader in
            switch key {
            case "id":
                guard seen.first(0), let text = reader.string() else { return false }
                exercise.id = ExerciseID(rawValue: text)
                return true
            case "sets": return seen.first(1) && reader.count(into: &exercise.sets)
            case "reps": return seen.first(2) && reader.count(into: &exercise.reps)
            case "holdSeconds": return seen.first(3) && reader.count(into: &exercise.holdSeconds)
            case "durationMinutes": return seen.first(4) && reader.count(into: &exercise.durationMinutes)
            case "stepHeightCm": return seen.first(5) && reader.count(into: &exercise.stepHeightCm)
            case "step": return seen.first(6) && reader.count(into: &exercise.step)
            case "painDuring": return seen.first(7) && reader.count(into: &exercise.painDuring)
            case "loadKg": return seen.first(8) && reader.optionalDouble(into: &exercise.loadKg)
            case "difficulty": return seen.first(9) && reader.optionalWord(into: &exercise.difficulty)
            default: return false
            }
        }
        return complete && seen.contains(0) ? exercise : nil
    }

    /// Reads an exercise's count like `optionalInt(into:)`; `PerformedExercise` keeps counts in 32 bits, so a larger
    /// number is the generic decoder's to refuse, with the field's name.
    private mutating func count(into value: inout Int?) -> Bool {
        optionalInt(into: &value) && value.map { Int32(exactly: $0) != nil } ?? true
    }
}
