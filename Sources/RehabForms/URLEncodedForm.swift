import Foundation

/// The body of a page's form (`application/x-www-form-urlencoded`): `a=1&b=two+words` read into name and value
/// pairs, in order.
public enum URLEncodedForm {
    /// The pairs of `text`; a name that cannot be percent-decoded is left out, a value that cannot becomes empty.
    public static func pairs(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0]) else { return nil }
            return (name, pieces.count > 1 ? decode(pieces[1]) ?? "" : "")
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
