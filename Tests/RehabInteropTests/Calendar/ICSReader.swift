/// An independent reader of iCalendar for the tests: byte rules, unfolding, content lines, components, TEXT.
enum ICSReader {
    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    final class Component {
        let name: String
        var properties: [Property] = []
        var components: [Component] = []

        init(name: String) { self.name = name }

        func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
        func first(_ name: String) -> Property? { properties.first { $0.name == name } }
        func children(_ name: String) -> [Component] { components.filter { $0.name == name } }
        /// Every component below this one, depth first.
        var descendants: [Component] { components.flatMap { [$0] + $0.descendants } }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The problems with the file's bytes: every line ends in CRLF, none is longer than 75 octets, each physical
    /// line is valid UTF-8 on its own (so no character was split by folding), the file ends with CRLF.
    static func byteProblems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        guard bytes.count >= 2, bytes.suffix(2) == [13, 10] else { return ["the file does not end with CRLF"] }
        var lineStart = 0
        var number = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 || bytes[index] == 10 {
                guard bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 else {
                    problems.append("line \(number): a bare CR or LF")
                    index += 1
                    continue
                }
                let line = Array(bytes[lineStart..<index])
                if line.count > 75 { problems.append("line \(number): \(line.count) octets") }
                if String(validating: line, as: UTF8.self) == nil {
                    problems.append("line \(number): not valid UTF-8 on its own")
                }
                index += 2
                lineStart = index
                number += 1
            } else {
                index += 1
            }
        }
        return problems
    }

    /// The physical lines (without CRLF).
    static func physicalLines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The logical lines: a line starting with a space or a tab continues the one before it, without that
    /// first character.
    static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for line in physicalLines(text) {
            if let first = line.unicodeScalars.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += String(String.UnicodeScalarView(line.unicodeScalars.dropFirst()))
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    /// One content line: `NAME;PARAM=VALUE;…:value`, with quoted parameter values.
    static func property(_ line: String) throws -> Property {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        func take(until stops: Set<Unicode.Scalar>, quotes: Bool) -> String {
            var out = String.UnicodeScalarView()
            var inQuotes = false
            while index < scalars.count {
                let scalar = scalars[index]
                if quotes && scalar == "\"" {
                    inQuotes.toggle()
                } else if !inQuotes && stops.contains(scalar) {
                    break
                } else {
                    out.append(scalar)
                }
                index += 1
            }
            return String(out)
        }
        let name = take(until: [";", ":"], quotes: false)
        var parameters: [String: String] = [:]
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let key = take(until: ["="], quotes: false)
            index += 1
            parameters[key] = take(until: [";", ":"], quotes: true)
        }
        guard index < scalars.count, scalars[index] == ":" else { throw Malformed(description: "no value: \(line)") }
        let value = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        return Property(name: name, parameters: parameters, value: value)
    }

    /// The file as components; the result is the outermost `VCALENDAR`.
    static func parse(_ text: String) throws -> Component {
        var stack: [Component] = []
        var root: Component?
        for line in unfold(text) {
            let property = try property(line)
            switch property.name {
            case "BEGIN":
                let component = Component(name: property.value)
                stack.last?.components.append(component)
                stack.append(component)
            case "END":
                guard let open = stack.popLast(), open.name == property.value else {
                    throw Malformed(description: "END:\(property.value) closes nothing")
                }
                if stack.isEmpty { root = open }
            default:
                guard let open = stack.last else { throw Malformed(description: "a property outside components") }
                open.properties.append(property)
            }
        }
        guard stack.isEmpty, let root, root.name == "VCALENDAR" else { throw Malformed(description: "no VCALENDAR") }
        return root
    }

    /// A TEXT value unescaped (RFC 5545 §3.3.11).
    static func unescape(_ value: String) throws -> String {
        var out = String.UnicodeScalarView()
        var iterator = value.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                guard scalar != ";", scalar != "," else { throw Malformed(description: "an unescaped \(scalar)") }
                out.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": out.append("\\")
            case ";": out.append(";")
            case ",": out.append(",")
            case "n", "N": out.append("\n")
            default: throw Malformed(description: "a bad escape")
            }
        }
        return String(out)
    }
}
