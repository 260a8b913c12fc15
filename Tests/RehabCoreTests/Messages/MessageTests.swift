import Foundation
import Testing

@testable import RehabCore

/// What may be written in a thread, and who may write and mark what.
struct MessageTests {
    @Test func textIsTrimmedAndKeepsLineBreaks() throws {
        #expect(try MessageText.checked("  Hello\nthere\t!  ") == "Hello\nthere\t!")
    }

    @Test(arguments: ["", "   \n ", "a\u{0}b", "bell\u{7}"])
    func badTextIsRefusedNamingTheField(_ text: String) {
        #expect(throws: InvalidInput.self) { try MessageText.checked(text) }
        do {
            _ = try MessageText.checked(text)
        } catch {
            #expect(error.field == "text")
        }
    }

    @Test func theLengthLimitIsInclusive() throws {
        let longest = String(repeating: "é", count: MessageText.maximumLength)
        #expect(try MessageText.checked(longest) == longest)
        #expect(throws: InvalidInput(field: "text", problem: "is over 2000 characters")) {
            try MessageText.checked(longest + "x")
        }
    }

    @Test func authorsMustMatchTheActor() {
        let patient = AuditActor(.patient(account: .generate(), patient: .generate()), origin: "t", at: .now)
        let clinician = AuditActor(.clinician(.generate()), origin: "t", at: .now)
        let system = AuditActor(.system, origin: "t", at: .now)
        let admin = AuditActor(.admin(.generate()), origin: "t", at: .now)
        for author in MessageAuthor.allCases {
            #expect(MessageRules.mayWrite(author, patient) == (author == .patient))
            #expect(MessageRules.mayWrite(author, clinician) == (author == .clinician))
            #expect(MessageRules.mayWrite(author, system) == (author == .program))
            #expect(!MessageRules.mayWrite(author, admin))
        }
        #expect(MessageRules.readsClinicianMessages(patient) == true)
        #expect(MessageRules.readsClinicianMessages(clinician) == false)
        #expect(MessageRules.readsClinicianMessages(system) == nil)
        #expect(MessageAuthor.program.isForClinician && MessageAuthor.patient.isForClinician)
        #expect(!MessageAuthor.clinician.isForClinician)
    }
}
