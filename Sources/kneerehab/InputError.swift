/// A problem with what the user gave the command line, reported as one line that names the field.
///
/// Every command maps its failures to this type so the user never sees a stack trace or an engine's wording.
struct InputError: Error, CustomStringConvertible {
    /// The offending field or argument, e.g. `answers.P3` or `--surgery-date`.
    let field: String
    /// What is wrong with it, in plain words.
    let problem: String

    var description: String { "\(field): \(problem)" }
}
