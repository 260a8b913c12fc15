import Foundation
import RehabMotion

/// A keypoint file from a patient's phone: any bytes are read or refused with a `MotionError`, never a crash, and a
/// document that reads builds a recording or is refused the same way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeypointDocument(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
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
