import Foundation
import RehabCore

/// Reads a session's JSON (the API's body and the stored document) without the generic decoder, for the shape
/// sessions are written in: known keys once each, whole numbers as plain digits, text without escapes.
/// Anything else gives nil and the caller decodes generically, which then also names any error; a property test
/// checks that whatever this reads, the generic decoder reads the same.
///
/// Every session write decodes its body, and a history not in the record cache decodes every stored session; the
/// generic decoder was about 5 % of a session write's CPU in the web server's load test.
public struct SessionDocumentReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The session in `data`, or nil when it is not in the plain shape (the generic decoder then decides).
    public static func session(from data: Data) -> ExerciseSession? {
        data.withUnsafeBytes { bytes in
            var reader = SessionDocumentReader(bytes)
            return reader.document()
        }
    }

    /// The same for a stored document.
    public static func session(from text: String) -> ExerciseSession? {
        var text = text
        return text.withUTF8 { utf8 in
            var reader = SessionDocumentReader(UnsafeRawBufferPointer(utf8))
            return reader.document()
        }
    }

    // MARK: - The document

    private mutating func document() -> ExerciseSession? {
        guard let session = sessionObject() else { return nil }
        skipBlanks()
        return index == bytes.count ? session : nil
    }

    private mutating func sessionObject() -> ExerciseSession? {
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
            case "stoppedForPain":
                guard seen.first(4) else { return false }
                if reader.null() { return true }
                stopped = reader.bool()
                return stopped != nil
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
            case "loadKg":
                guard seen.first(8) else { return false }
                if reader.null() { return true }
                exercise.loadKg = reader.double()
                return exercise.loadKg != nil
            case "difficulty":
                guard seen.first(9) else { return false }
                if reader.null() { return true }
                exercise.difficulty = reader.string().flatMap(Difficulty.init(rawValue:))
                return exercise.difficulty != nil
            default: return false
            }
        }
        return complete && seen.contains(0) ? exercise : nil
    }

    /// Which keys of an object have been read: each may come once.
    private struct Keys {
        private var bits: UInt16 = 0

        /// Marks key `number` as read; false when it already was.
        mutating func first(_ number: Int) -> Bool {
            let bit: UInt16 = 1 << number
            defer { bits |= bit }
            return bits & bit == 0
        }

        func contains(_ number: Int) -> Bool { bits & (1 << number) != 0 }
    }

    // MARK: - JSON values

    /// An object: `member` reads each key's value and says whether it could.
    private mutating func object(_ member: (String, inout SessionDocumentReader) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipBlanks()
            guard let key = string(), take(UInt8(ascii: ":")) else { return false }
            skipBlanks()
            guard member(key, &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ element: (inout SessionDocumentReader) -> Element?) -> [Element]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if take(UInt8(ascii: "]")) { return elements }
        repeat {
            skipBlanks()
            guard let next = element(&self) else { return nil }
            elements.append(next)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? elements : nil
    }

    /// Text between quotes, when it holds no escape and no control character and is valid UTF-8.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A whole number written as plain digits (no fraction, no exponent, no leading zero).
    private mutating func int() -> Int? {
        let start = index
        let negative = take(UInt8(ascii: "-"), skippingBlanks: false)
        let digits = index
        var value = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdding) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !overflowAdding else { return nil }
            value = sum
            index += 1
        }
        let count = index - digits
        guard count > 0, count == 1 || bytes[digits] != UInt8(ascii: "0"), !continuesNumber else {
            index = start
            return nil
        }
        return negative ? -value : value
    }

    /// A number in JSON's grammar, read as `Double` reads it.
    private mutating func double() -> Double? {
        let start = index
        _ = take(UInt8(ascii: "-"), skippingBlanks: false)
        let integer = digitRun()
        guard integer > 0, integer == 1 || bytes[index - integer] != UInt8(ascii: "0") else { return nil }
        if take(UInt8(ascii: "."), skippingBlanks: false), digitRun() == 0 { return nil }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digitRun() > 0 else { return nil }
        }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// Reads `null` if it is next.
    private mutating func null() -> Bool { literal("null") }

    private mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Reads a whole number or `null` into `value`; false when neither is next.
    private mutating func optionalInt(into value: inout Int?) -> Bool {
        if null() { return true }
        guard let number = int() else { return false }
        value = number
        return true
    }

    /// The same for an exercise's count, which `PerformedExercise` keeps in 32 bits: a larger number is the generic
    /// decoder's to refuse, with the field's name.
    private mutating func count(into value: inout Int?) -> Bool {
        optionalInt(into: &value) && value.map { Int32(exactly: $0) != nil } ?? true
    }

    // MARK: - Bytes

    private var continuesNumber: Bool {
        guard index < bytes.count else { return false }
        let next = bytes[index]
        return next == UInt8(ascii: ".") || next | 0x20 == UInt8(ascii: "e")
    }

    private mutating func digitRun() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Skips JSON's blanks, then reads `byte` if it is next.
    private mutating func take(_ byte: UInt8, skippingBlanks: Bool = true) -> Bool {
        if skippingBlanks { skipBlanks() }
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipBlanks() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
