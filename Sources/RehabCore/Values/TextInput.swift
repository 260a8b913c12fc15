/// Checks on free text a person typed: names, e-mail addresses, notes.
///
/// Control characters are refused, naming the field: a NUL cuts the text short in C strings and bcrypt, and the
/// others do not print. Notes may keep line breaks and tabs.
public enum TextInput {
    /// Throws when `text` holds a control character (line breaks and tabs pass where `multiline`).
    public static func check(_ text: String, field: String, multiline: Bool = false) throws(InvalidInput) {
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            throw InvalidInput(field: field, problem: "contains a control character")
        }
    }
}
