import Foundation

/// Who wrote a message in a patient's thread.
///
/// The raw values are what the store keeps and the API shows.
public enum MessageAuthor: String, Codable, CaseIterable, Sendable {
    /// The patient.
    case patient
    /// The patient's clinician.
    case clinician
    /// The program itself: an automatic note for the clinician, never from a person.
    case program

    /// True when the message is for the clinician to read (the patient's own, and the program's notes).
    public var isForClinician: Bool { self != .clinician }
}

/// One message of a patient's thread with their clinician.
public struct Message: Codable, Sendable, Equatable {
    /// The id.
    public var id: MessageID
    /// Whose thread it is in.
    public var patientID: PatientID
    /// Who wrote it.
    public var author: MessageAuthor
    /// The account that wrote it; nil for the program's notes.
    public var authorAccountID: AccountID?
    /// The plain text, as written.
    public var text: String
    /// When it was sent.
    public var sentAt: Date
    /// When the other side first read it; nil while unread.
    public var readAt: Date?

    /// Makes a message.
    public init(
        id: MessageID, patientID: PatientID, author: MessageAuthor, authorAccountID: AccountID?, text: String,
        sentAt: Date, readAt: Date? = nil
    ) {
        self.id = id
        self.patientID = patientID
        self.author = author
        self.authorAccountID = authorAccountID
        self.text = text
        self.sentAt = sentAt
        self.readAt = readAt
    }
}

/// A message to store: the store takes the author's account and the time from the acting person.
public struct NewMessage: Sendable, Equatable {
    /// The id to use.
    public var id: MessageID
    /// Whose thread.
    public var patientID: PatientID
    /// Who writes: it must match the actor (a patient writes as `patient`, a clinician as `clinician`, the system
    /// as `program`), or the store refuses it as not found.
    public var author: MessageAuthor
    /// Checked text (see `MessageText`).
    public var text: String

    /// Makes a message to store.
    public init(id: MessageID = .generate(), patientID: PatientID, author: MessageAuthor, text: String) {
        self.id = id
        self.patientID = patientID
        self.author = author
        self.text = text
    }
}

/// The rules for what a person may write in a message.
public enum MessageText {
    /// The longest message, in characters: about a page of plain text, enough to describe a worry; longer
    /// matters belong in a call.
    public static let maximumLength = 2000

    /// The text with its outer white space trimmed; throws naming `field` when it is empty, longer than
    /// `maximumLength` or holds control characters other than line breaks and tabs.
    public static func checked(_ text: String, field: String = "text") throws(InvalidInput) -> String {
        try TextInput.check(text, field: field, multiline: true)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw InvalidInput(field: field, problem: "is empty") }
        guard trimmed.count <= maximumLength else {
            throw InvalidInput(field: field, problem: "is over \(maximumLength) characters")
        }
        return trimmed
    }
}

/// Who may write what in a thread and whose reading marks what as read: the rules both stores apply.
public enum MessageRules {
    /// True when `actor` may write as `author`: a patient as `patient`, a clinician as `clinician`, the system as
    /// `program` (the store also checks that the actor may see the patient).
    public static func mayWrite(_ author: MessageAuthor, _ actor: AuditActor) -> Bool {
        switch (author, actor.access) {
        case (.patient, .patient), (.clinician, .clinician), (.program, .system): true
        default: false
        }
    }

    /// Which messages a reading by `actor` marks as read: true for the clinician's (a patient reading), false for
    /// the patient's and the program's (a clinician reading), nil for readers who mark nothing.
    public static func readsClinicianMessages(_ actor: AuditActor) -> Bool? {
        switch actor.access {
        case .patient: true
        case .clinician: false
        case .system, .admin: nil
        }
    }
}
