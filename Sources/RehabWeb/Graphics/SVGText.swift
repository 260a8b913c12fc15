/// Text and ids as the server-drawn SVG and HTML fragments need them.
enum SVGText {
    /// Text made safe for HTML and XML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// An id made of ASCII letters, digits, hyphens and underscores; `fallback` when nothing is left.
    static func identifier(_ raw: String, fallback: String) -> String {
        let cleaned = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "-" })
        return cleaned.isEmpty ? fallback : cleaned
    }
}
