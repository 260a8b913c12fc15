import Foundation
import FuzzDriver
import RehabCore
import RehabJSON

/// The check-in and triage document readers walk raw bytes: whatever they accept, the generic decoder must read
/// the same way, and nothing may crash them.
func fuzzCheckInDocument(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    let text = String(decoding: data, as: UTF8.self)
    if let direct = CheckInDocumentReader.checkIn(from: data) {
        guard let generic = try? JSONDecoder().decode(CheckIn.self, from: data) else {
            fatalError("the check-in reader accepted a document the generic decoder refuses")
        }
        if direct != generic { fatalError("the check-in reader and the generic decoder disagree") }
        if CheckInDocumentReader.checkIn(from: text) != direct {
            fatalError("reading a check-in from text and from bytes disagree")
        }
    }
    if let direct = CheckInDocumentReader.triage(from: data) {
        guard let generic = try? JSONDecoder().decode(TriageResult.self, from: data) else {
            fatalError("the triage reader accepted a document the generic decoder refuses")
        }
        if direct != generic { fatalError("the triage reader and the generic decoder disagree") }
        if CheckInDocumentReader.triage(from: text) != direct {
            fatalError("reading a triage from text and from bytes disagree")
        }
    }
    return 0
}

runFuzzer { start, count in fuzzCheckInDocument(start, count) }
