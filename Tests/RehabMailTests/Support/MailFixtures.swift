import Foundation
import RehabMail

/// Messages for the tests.
enum MailFixtures {
    /// Wednesday 2 December 2026, 08:05:09 UTC.
    static let date = Date(timeIntervalSince1970: 1_796_198_709)

    /// A message from the clinic to one patient; every part can be changed.
    static func message(
        subject: String = "You have a new urgent alert in KneeRehab",
        body: String = "Please sign in to KneeRehab to see it.\n\nhttps://clinic.example/login\n",
        to: [MailAddress]? = nil, fromName: String? = "Riverside Knee Clinic", id: String = "delivery-42",
        listUnsubscribe: ListUnsubscribe? = nil
    ) throws -> MailMessage {
        let from = try MailAddress("notices@clinic.example", displayName: fromName, field: "from")
        return MailMessage(
            from: from, to: try to ?? [MailAddress("therapist@clinic.example", field: "to")], subject: subject,
            body: body, date: date, messageID: try MailMessageID(id: id, domain: "clinic.example"),
            listUnsubscribe: listUnsubscribe)
    }

    /// The encoded message as text.
    static func encoded(_ message: MailMessage) throws -> String {
        String(decoding: try MailEncoder.encode(message), as: UTF8.self)
    }
}
