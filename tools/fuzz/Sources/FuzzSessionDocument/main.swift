import Foundation
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
exit(runFuzzerDriver(&arguments, &values, { start, count in fuzzSessionDocument(start, count) }))
