import Foundation
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

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own `main` is never linked in: the driver is
// started from here instead.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&arguments, &values, { start, count in fuzzKeypointDocument(start, count) }))
