import Foundation
import RehabMail
import Testing

struct MailTransportTests {
    /// A transport that records what it was asked to send.
    final class Recorder: MailTransport, @unchecked Sendable {
        var envelopes: [MailEnvelope] = []
        func send(_ message: MailMessage, envelope: MailEnvelope) async throws(MailError) -> DeliveryReceipt {
            envelopes.append(envelope)
            return DeliveryReceipt(reply: SMTPReply(code: 250, lines: ["2.0.0 Ok: queued as X1", "second"]))
        }
    }

    @Test func sendingAMessageUsesTheEnvelopeItsHeadersImply() async throws {
        let message = try MailFixtures.message(to: [MailAddress("a@x.org"), MailAddress("b@x.org")])
        let recorder = Recorder()
        let receipt = try await recorder.send(message)
        #expect(recorder.envelopes == [MailEnvelope(sender: message.from, recipients: message.to)])
        #expect(receipt.text == "2.0.0 Ok: queued as X1 second")
    }
}
