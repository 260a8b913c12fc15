import Foundation
import FuzzDriver
import RehabCore
import RehabJSON

/// The session document reader walks raw bytes: whatever it accepts, the generic decoder must read the same way,
/// and nothing may crash it.
func fuzzSessionDocument(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    guard let direct = SessionDocumentReader.session(from: data) else { return 0 }
    guard let generic = try? JSONDecoder().decode(ExerciseSession.self, from: data) else {
        fatalError("the direct reader accepted a document the generic decoder refuses")
    }
    if direct != generic { fatalError("the direct reader and the generic decoder disagree") }
    if SessionDocumentReader.session(from: String(decoding: data, as: UTF8.self)) != direct {
        fatalError("reading from text and from bytes disagree")
    }
    return 0
}

runFuzzer { start, count in fuzzSessionDocument(start, count) }
