import RehabCore

extension CalendarDate {
    /// A date from a literal that tests know to be valid; a typo stops the test run at once.
    public static func literal(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }
}
