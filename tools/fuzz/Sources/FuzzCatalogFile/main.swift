import Foundation
import FuzzDriver
import RehabCore

/// A catalog file a clinic wrote (YAML, read with Yams into the catalog's types): the first byte picks which file
/// the rest is read as; any text is read or refused with problems naming that file, never a crash.
func fuzzCatalogFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let file = files[Int(bytes[0]) % files.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let problems = Catalog.problems(inFile: file, text: text)
    precondition(problems.allSatisfy { $0.file == file && !$0.problem.isEmpty }, "a problem without its file")
    return 0
}

let files = [
    "exercises.yaml", "progression.yaml", "measurements.yaml", "rtm.yaml", "sentences.yaml",
    "protocols/acl-reconstruction.yaml", "translations/es.yaml",
]

runFuzzer { start, count in fuzzCatalogFile(start, count) }
