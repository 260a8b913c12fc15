import Foundation

/// Writes one header field folded to lines of at most 78 characters (RFC 5322 §2.1.1, §2.2.3): the value is a
/// list of tokens that must not be split, joined by single spaces, and a line is folded before a token that would
/// not fit. Text that is not plain ASCII becomes RFC 2047 encoded words (`=?utf-8?B?…?=`).
enum HeaderField {
    /// The longest line the encoder writes, line end excluded.
    static let maximumLineLength = 78
    /// UTF-8 bytes per encoded word: 52 base64 characters, a 64-character word, which fits after any header name
    /// this encoder writes.
    static let bytesPerEncodedWord = 39

    /// `Name: token token…`, folded, without a final line end.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var lines: [String] = []
        var current = "\(name):"
        for token in tokens {
            // A token too long for any line goes alone on a folded line (an address or a link cannot be split).
            if current.utf8.count + 1 + token.utf8.count > maximumLineLength {
                lines.append(current)
                current = ""
            }
            current += " " + token
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// The tokens of free text (a subject): its words when it is plain ASCII that folds cleanly, else encoded words.
    static func textTokens(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let plain =
            text.unicodeScalars.allSatisfy { $0.isASCII && (0x20..<0x7F).contains($0.value) }
            && !text.contains("=?") && words.allSatisfy { !$0.isEmpty && $0.utf8.count <= 70 }
        if text.isEmpty { return [] }
        return plain ? words : encodedWords(text)
    }

    /// The tokens of a display name: bare words when they are RFC 5322 atoms, a quoted string when it is other
    /// printable ASCII, else encoded words.
    static func phraseTokens(_ name: String) -> [String] {
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        if !name.contains("=?"),
            words.allSatisfy({ word in
                !word.isEmpty && word.utf8.count <= 70 && word.utf8.allSatisfy(MailAddress.localCharacters.contains)
            })
        {
            return words.map(String.init)
        }
        let printable = name.unicodeScalars.allSatisfy { $0.isASCII && (0x20..<0x7F).contains($0.value) }
        if printable && name.utf8.count <= 60 && !name.contains("=?") {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"\(escaped)\""]
        }
        return encodedWords(name)
    }

    /// RFC 2047 B-encoded words, each holding whole Unicode scalars, so a decoder that joins them gets `text` back.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerEncodedWord {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// A mailbox as tokens: its display name's tokens, then `<address>`.
    static func mailboxTokens(_ mailbox: MailAddress) -> [String] {
        (mailbox.displayName.map(phraseTokens) ?? []) + ["<\(mailbox.address)>"]
    }
}
