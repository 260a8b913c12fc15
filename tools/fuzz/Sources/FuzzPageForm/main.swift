import Foundation
import FuzzDriver
import RehabForms

/// A page's posted form (`application/x-www-form-urlencoded`): any bytes are read into pairs without a crash, and
/// the pairs, encoded again, read back as themselves.
func fuzzPageForm(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let pairs = URLEncodedForm.pairs(text)
    precondition(pairs.count <= text.split(separator: "&").count, "more pairs than parts")
    let encoded = pairs.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    let again = URLEncodedForm.pairs(encoded)
    precondition(again.map(\.name) == pairs.map(\.name) && again.map(\.value) == pairs.map(\.value), "round trip")
    return 0
}

func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.subtracting(.nonBaseCharacters)) ?? ""
}

runFuzzer { start, count in fuzzPageForm(start, count) }
