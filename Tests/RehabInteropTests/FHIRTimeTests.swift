import Foundation
import PropertyBased
import Testing

@testable import RehabInterop

/// FHIR instants are the text Foundation's ISO 8601 formatter gives in UTC, with milliseconds only when there are any.
struct FHIRTimeTests {
    @Test func anInstantIsFoundationsISO8601TextInUTC() async {
        let whole = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // Whole milliseconds from 1901 to 2199, so both sides agree on what to round.
        await propertyCheck(count: 2000, input: Gen.int(in: -2_177_452_800_000...7_258_118_399_999)) { millis in
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let expected = (millis % 1000 == 0 ? whole : fractional).string(from: date)
            #expect(FHIRTime.instant(date) == expected)
        }
    }

    @Test func aTimeJustUnderTheNextSecondRoundsUpToIt() {
        #expect(FHIRTime.instant(Date(timeIntervalSince1970: 1_796_278_224.9999)) == "2026-12-03T06:10:25Z")
        #expect(FHIRTime.instant(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(FHIRTime.instant(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }
}
