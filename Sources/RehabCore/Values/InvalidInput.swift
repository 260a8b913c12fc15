/// Input that the core refuses, naming the field and the problem in words a user can act on.
///
/// The message never contains a patient's free text: only field paths, allowed ranges and the offending number.
public struct InvalidInput: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path of the offending field, e.g. `answers.P3` or `sessions[2].exercises[0].painDuring`.
    public let field: String
    /// What is wrong, e.g. `5 is outside 0–4`.
    public let problem: String

    /// Makes an error for one field.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
