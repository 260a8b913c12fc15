import Foundation
import FuzzDriver
import RehabMotion

/// A keypoint file from a patient's phone: any bytes are read or refused with a `MotionError`, never a crash, and a
/// document that reads builds a recording or is refused the same way.
func fuzzKeypointDocument(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    do {
        let document = try KeypointDocumentReader.read(data)
        _ = try? RecordingBuilder.build(document)
    } catch is MotionError {
        return 0
    } catch {
        fatalError("an error other than MotionError: \(type(of: error))")
    }
    return 0
}

runFuzzer { start, count in fuzzKeypointDocument(start, count) }
