import Foundation
import Testing

@testable import RehabMail

struct RFC5322DateTests {
    @Test(arguments: [
        (1_796_198_709.0, "Wed, 02 Dec 2026 08:05:09 +0000"), (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"), (1_767_225_599.0, "Wed, 31 Dec 2025 23:59:59 +0000"),
    ])
    func datesAreWrittenInUTC(seconds: Double, text: String) {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: seconds)) == text)
    }
}
