/// A problem with a keypoint recording, naming the field at fault.
///
/// The command line turns it into one `error: field: problem` line; the message never carries coordinates, so no
/// patient data leaks into logs (README.md, "Security": logs never carry bodies, names or ids).
public struct MotionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is, for callers that branch on it.
    ///
    /// Codes are stable; wording of `problem` may change.
    public enum Code: String, Sendable {
        /// The bytes are not a readable keypoint document (for example a truncated file).
        case malformed
        /// A value has the wrong type or is out of range.
        case invalidValue
        /// The layout is unknown or does not fit the rows.
        case layout
        /// Timestamps go backwards or repeat.
        case timestamps
        /// Too little usable data to measure anything.
        case notEnoughData
    }

    /// The kind of problem.
    public let code: Code
    /// The offending field, e.g. `frames[12].t`.
    public let field: String
    /// What is wrong, in plain words.
    public let problem: String

    /// Creates an error for one field.
    ///
    /// Every throw site names its field so the user can find the bad spot in a large file.
    public init(_ code: Code, field: String, problem: String) {
        self.code = code
        self.field = field
        self.problem = problem
    }

    /// `field: problem`, the one line the command line prints.
    public var description: String { "\(field): \(problem)" }
}
