import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Every patient page rendered in Spanish, for a browser that asks for it and for a patient who chose it: the page
/// says `lang="es"`, and no text of the English table nor of the English catalog is left on it.
struct SpanishPagesTests {
    /// The visible text of a page: text between tags and the labels assistive technology reads, entities decoded.
    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(
            of: "<script[^>]*>.*?</script>", with: " ", options: [.regularExpression, .caseInsensitive])
        var labels: [String] = []
        let pattern = try? NSRegularExpression(pattern: #"(?:aria-label|alt|title|placeholder)="([^"]*)""#)
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern?.matches(in: text, range: range) ?? [] {
            if let found = Range(match.range(at: 1), in: text) { labels.append(String(text[found])) }
        }
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        text += " " + labels.joined(separator: " ")
        for (entity, character) in [("&amp;", "&"), ("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    /// English pieces that must not appear: each English table text (split at its placeholders, tags removed)
    /// that differs from its Spanish, and the English catalog's patient texts.
    static let englishPieces: [String] = {
        let strings = PageStrings.bundled
        let (english, spanish) = (strings.table(.english), strings.table(.spanish))
        var pieces: [String] = []
        for (key, text) in english where spanish[key] != text {
            let bare = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            let parts = bare.split(separator: "{").map {
                $0.split(separator: "}", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            }
            for piece in parts {
                let trimmed = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                if trimmed.count >= 3 { pieces.append(trimmed) }
            }
        }
        let catalog = Catalog.bundled
        for exercise in catalog.exercises.values {
            pieces += [exercise.name, exercise.purpose] + exercise.steps + exercise.cues
            pieces += exercise.ladder.map(\.name) + exercise.restrictions.map(\.text) + exercise.contraindications
        }
        for rehab in catalog.protocols.values {
            pieces += rehab.phases.flatMap { [$0.name] + $0.precautions.map(\.text) }
        }
        return Array(Set(pieces)).sorted()
    }()

    /// The English pieces found on a page, matched as whole words.
    static func english(in html: String) -> [String] {
        let text = visibleText(html)
        return englishPieces.filter { piece in
            let escaped = NSRegularExpression.escapedPattern(for: piece)
            return text.range(of: "(?<![\\p{L}])\(escaped)(?![\\p{L}])", options: .regularExpression) != nil
        }
    }

    /// Checks one page: Spanish, complete, and with no English left.
    static func expectSpanish(
        _ response: TestResponse, _ page: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let html = String(buffer: response.body)
        #expect(html.contains("<html lang=\"es\">"), "\(page) is marked Spanish", sourceLocation: sourceLocation)
        let left = english(in: html)
        #expect(left.isEmpty, "\(page) still shows English: \(left)", sourceLocation: sourceLocation)
        #expect(!html.contains("chrome.t."), "\(page) has no unrendered key", sourceLocation: sourceLocation)
    }

    @Test func theCheckFindsEnglish() {
        #expect(Self.english(in: "<p>Sus ejercicios de hoy</p>").isEmpty)
        #expect(Self.english(in: "<p>Today's exercises</p>").contains("Today's exercises"))
        #expect(
            Self.english(in: "<button aria-label=\"Timers and counters\">x</button>").contains("Timers and counters"))
        #expect(Self.english(in: "<p>Wall squat</p>") == ["Wall squat"], "the English catalog is checked too")
        #expect(Self.english(in: "<p>con ayuda</p>").isEmpty, "English is matched as whole words only")
        #expect(!Self.englishPieces.contains("total"), "a placeholder's name is not an English piece")
    }

    @Test func aSpanishSpeakingPatientSeesEveryPageInSpanish() async throws {
        try await PageFlowTests.withPatient { harness, client, email, _ in
            var patient = PageClient(client, acceptLanguage: "es-MX,es;q=0.9,en;q=0.5")
            Self.expectSpanish(try await patient.get("/login"), "sign-in")
            Self.expectSpanish(try await patient.get("/claim"), "claim")
            let wrong = try await patient.signIn(email, password: "not the password")
            Self.expectSpanish(wrong, "sign-in refused")
            _ = try await patient.signIn(email)
            Self.expectSpanish(try await patient.get("/today"), "today")
            var page = Body.text(try await patient.get("/session"))
            Self.expectSpanish(try await patient.get("/session"), "before the session")
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let submission = try #require(PageClient.value(of: "submission", in: page))
            let missing = try await patient.post(
                "/session", [("csrf", csrf), ("submission", submission), ("stage", "start")])
            Self.expectSpanish(missing, "before the session, refused")
            let first = try await patient.post(
                "/session", [("csrf", csrf), ("submission", submission), ("stage", "start"), ("pain", "2")])
            Self.expectSpanish(first, "an exercise")
            page = Body.text(first)
            let unanswered = try await patient.post(
                "/session",
                [
                    ("csrf", csrf), ("submission", submission), ("done", PageClient.value(of: "done", in: page) ?? ""),
                    ("painBefore", "2"), ("action", "next"),
                ])
            Self.expectSpanish(unanswered, "an exercise, refused")
            var screens = 0
            while page.contains("Hecho; siguiente") && screens < 20 {
                screens += 1
                let next = try await patient.post(
                    "/session",
                    [
                        ("csrf", csrf), ("submission", submission),
                        ("done", PageClient.value(of: "done", in: page) ?? ""), ("painBefore", "2"), ("pain", "6"),
                        ("difficulty", "hard"), ("action", "next"),
                    ])
                Self.expectSpanish(next, "exercise \(screens + 1) or the finish")
                page = Body.text(next)
            }
            #expect(screens >= 3)
            let done = try await patient.post(
                "/session/finish",
                [
                    ("csrf", csrf), ("submission", submission), ("done", PageClient.value(of: "done", in: page) ?? ""),
                    ("painBefore", "2"), ("stopped", ""), ("pain", "7"),
                ])
            Self.expectSpanish(done, "session saved")
            #expect(Body.text(done).contains("La próxima vez"), "what changes next time is said in Spanish")
            Self.expectSpanish(try await patient.get("/today"), "today after a painful session")
            Self.expectSpanish(try await patient.get("/checkin"), "check-in")
            let form = Body.text(try await patient.get("/checkin"))
            let checkInToken = try #require(PageClient.value(of: "csrf", in: form))
            Self.expectSpanish(
                try await patient.post("/checkin", [("csrf", checkInToken), ("painAtRest", "2")]), "check-in, refused")
            var answers = [
                ("csrf", checkInToken), ("submission", UUID().uuidString), ("painAtRest", "3"), ("painMorning", "3"),
                ("swelling", "mild"), ("temperatureCelsius", ""),
            ]
            for (name, _) in CheckInPages.questions {
                answers.append((name, name == "chestPainOrBreathless" ? "yes" : "no"))
            }
            let triage = try await patient.post("/checkin", answers)
            Self.expectSpanish(triage, "check-in result")
            #expect(Body.text(triage).contains("Llame al 911 ahora"))
            Self.expectSpanish(try await patient.get("/settings"), "settings")
            Self.expectSpanish(try await patient.get("/messages"), "messages")
            let messagesPage = Body.text(try await patient.get("/messages"))
            let messageToken = try #require(PageClient.value(of: "csrf", in: messagesPage))
            _ = try await patient.post("/messages", [("csrf", messageToken), ("text", "¿Es normal?")])
            Self.expectSpanish(try await patient.get("/messages"), "messages with one")
            Self.expectSpanish(try await patient.get("/progress"), "progress")
            Self.expectSpanish(try await patient.get("/questionnaires"), "questionnaires")
            let nprs = try await patient.get("/questionnaires/nprs")
            Self.expectSpanish(nprs, "the pain rating")
            let koos = Body.text(try await patient.get("/questionnaires/koos"))
            #expect(koos.contains("<html lang=\"es\">") && koos.contains("lang=\"en\""), "KOOS items stay English")
            #expect(koos.contains("versión oficial en español"), "with the notice")
            Self.expectSpanish(try await patient.get("/no-such-page"), "page not found")
            _ = harness
        }
    }

    @Test func aPatientWhoChoseSpanishGetsItWhateverTheBrowserSays() async throws {
        try await PageFlowTests.withPatient { _, client, email, _ in
            var patient = PageClient(client, acceptLanguage: "en-US")
            _ = try await patient.signIn(email)
            let settings = Body.text(try await patient.get("/settings"))
            #expect(settings.contains("<html lang=\"en\">"))
            let csrf = try #require(PageClient.value(of: "csrf", in: settings))
            let refused = try await patient.post(
                "/settings", [("csrf", csrf), ("action", "language"), ("language", "fr")])
            #expect(refused.status == .unprocessableContent && Body.text(refused).contains("language"))
            let saved = try await patient.post(
                "/settings", [("csrf", csrf), ("action", "language"), ("language", "es")])
            #expect(saved.status == .seeOther)
            Self.expectSpanish(try await patient.get("/today"), "today, chosen")
            Self.expectSpanish(try await patient.get("/settings?saved=1"), "settings, chosen")
            _ = try await patient.post("/settings", [("csrf", csrf), ("action", "language"), ("language", "browser")])
            #expect(Body.text(try await patient.get("/today")).contains("<html lang=\"en\">"))
        }
    }

    /// The clinician's pages stay English but name the patient's language; the program printed for the patient
    /// is in the patient's language.
    @Test func cliniciansPagesStayEnglishButShowThePatientsLanguage() async throws {
        try await PageFlowTests.withPatient { _, client, email, id in
            var patient = PageClient(client, acceptLanguage: "es")
            _ = try await patient.signIn(email)
            let settings = Body.text(try await patient.get("/settings"))
            let csrf = try #require(PageClient.value(of: "csrf", in: settings))
            _ = try await patient.post("/settings", [("csrf", csrf), ("action", "language"), ("language", "es")])
            var clinician = PageClient(client, acceptLanguage: "es")
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("Language: <span lang=\"es\">Español</span>"))
            let handout = try await clinician.get("/clinic/patients/\(id)/handout")
            Self.expectSpanish(handout, "the printable program of a patient who chose Spanish")
            #expect(Body.text(handout).contains("Programa de ejercicios en casa"))
        }
    }
}
