import Foundation
import RehabCore

/// Reads a stored check-in and its triage without the generic decoder, in the plain shape they are stored in
/// (known keys once each, whole numbers as plain digits, text without escapes); anything else gives nil and the
/// caller decodes generically. A property test and a fuzz target check that whatever this reads, the generic
/// decoder reads the same.
///
/// Every export decodes both documents of every check-in, and through `JSONDecoder` they were the largest part of
/// reading the store in a bulk export.
public enum CheckInDocumentReader {
    /// The check-in in `data`, or nil when it is not in the plain shape.
    public static func checkIn(from data: Data) -> CheckIn? {
        PlainJSONReader.document(data) { $0.checkIn() }
    }

    /// The same for a stored document.
    public static func checkIn(from text: String) -> CheckIn? {
        PlainJSONReader.document(text) { $0.checkIn() }
    }

    /// The triage result in `data`, or nil when it is not in the plain shape.
    public static func triage(from data: Data) -> TriageResult? {
        PlainJSONReader.document(data) { $0.triage() }
    }

    /// The same for a stored document.
    public static func triage(from text: String) -> TriageResult? {
        PlainJSONReader.document(text) { $0.triage() }
    }
}

extension PlainJSONReader {
    fileprivate mutating func checkIn() -> CheckIn? {
        var date: CalendarDate?
        var checkIn = CheckIn(date: CalendarDate(dayNumber: 0))
        var seen = Keys()
        let complete = object { key, reader in
            switch key {
            case "date":
                guard seen.first(0), let text = reader.string(), let value = CalendarDate(iso: text) else {
                    return false
                }
                date = value
                return true
            case "painAtRest": return seen.first(1) && reader.optionalInt(into: &checkIn.painAtRest)
            case "painMorning": return seen.first(2) && reader.optionalInt(into: &checkIn.painMorning)
            case "swelling": return seen.first(3) && reader.optionalWord(into: &checkIn.swelling)
            case "temperatureCelsius":
                return seen.first(4) && reader.optionalDouble(into: &checkIn.temperatureCelsius)
            case "woundRedness": return seen.first(5) && reader.optionalBool(into: &checkIn.woundRedness)
            case "woundDrainage": return seen.first(6) && reader.optionalBool(into: &checkIn.woundDrainage)
            case "calfPainOrSwelling": return seen.first(7) && reader.optionalBool(into: &checkIn.calfPainOrSwelling)
            case "chestPainOrBreathless":
                return seen.first(8) && reader.optionalBool(into: &checkIn.chestPainOrBreathless)
            case "giveWay": return seen.first(9) && reader.optionalBool(into: &checkIn.giveWay)
            case "kneeLocked": return seen.first(10) && reader.optionalBool(into: &checkIn.kneeLocked)
            case "footNumbOrCold": return seen.first(11) && reader.optionalBool(into: &checkIn.footNumbOrCold)
            default: return false
            }
        }
        guard complete, let date else { return nil }
        checkIn.date = date
        return checkIn
    }

    /// A triage result. `TriageResult` is made from its reasons, which fixes the level and the order; a stored
    /// result whose level or order is not what its reasons make is left to the generic decoder, which keeps it
    /// as stored.
    fileprivate mutating func triage() -> TriageResult? {
        var level: TriageLevel?
        var reasons: [TriageReason]?
        var seen = Keys()
        let complete = object { key, reader in
            switch key {
            case "level":
                guard seen.first(0) else { return false }
                level = reader.string().flatMap(TriageLevel.init(rawValue:))
                return level != nil
            case "reasons":
                guard seen.first(1) else { return false }
                reasons = reader.array { reader in reader.reason() }
                return reasons != nil
            default: return false
            }
        }
        guard complete, let level, let reasons else { return nil }
        let result = TriageResult(reasons: reasons)
        return result.level == level && result.reasons == reasons ? result : nil
    }

    private mutating func reason() -> TriageReason? {
        var rule: String?
        var level: TriageLevel?
        var message: String?
        var seen = Keys()
        let complete = object { key, reader in
            switch key {
            case "rule":
                guard seen.first(0) else { return false }
                rule = reader.string()
                return rule != nil
            case "level":
                guard seen.first(1) else { return false }
                level = reader.string().flatMap(TriageLevel.init(rawValue:))
                return level != nil
            case "message":
                guard seen.first(2) else { return false }
                message = reader.string()
                return message != nil
            default: return false
            }
        }
        guard complete, let rule, let level, let message else { return nil }
        return TriageReason(rule: rule, level: level, message: message)
    }
}
