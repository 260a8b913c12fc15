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
            let missing = try await patient.get("/no-such-page")
            #expect(missing.status == .notFound)
            Self.expectSpanish(missing, "page not found, chosen, whatever the browser says")
            #expect(Body.text(missing).contains("Aquí no hay nada."))
            let forbidden = try await patient.get("/clinic")
            #expect(forbidden.status == .forbidden)
            Self.expectSpanish(forbidden, "a clinician's page, refused, chosen")
            #expect(try await patient.get("/static/app.css").status == .ok, "files are still served when signed in")
            var clinician = PageClient(patient.client, acceptLanguage: "es")
            _ = try await clinician.signIn("ana@clinic.test")
            let clinicianMissing = Body.text(try await clinician.get("/no-such-page"))
            #expect(clinicianMissing.contains("<html lang=\"en\">"), "a clinician's error pages stay English")
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

    /// A keypoint recording measured from the exercise card, a file that cannot be measured, and a video on a
    /// server that cannot measure videos: every result page in Spanish, the exercise and the confidence included.
    @Test func theRecordingPagesSpeakSpanish() async throws {
        let fixture = try String(contentsOf: RecordingUploadTests.fixture, encoding: .utf8)
        try await PageFlowTests.withPatient { _, client, email, _ in
            var patient = PageClient(client, acceptLanguage: "es")
            _ = try await patient.signIn(email)
            let csrf = try #require(PageClient.value(of: "csrf", in: Body.text(try await patient.get("/today"))))
            let boundary = "kr-boundary-\(UUID().uuidString)"
            func upload(_ path: String, field: String, _ file: String) async throws -> TestResponse {
                var headers = patient.cookieHeader
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                let body =
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"f.json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
                return try await client.execute(
                    uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let measured = try await upload("/recordings/wall-squat", field: "file", fixture)
            #expect(measured.status == .ok)
            Self.expectSpanish(measured, "a recording measured")
            let page = Body.text(measured)
            #expect(page.contains("Lo que muestra la grabación") && page.contains("Sentadilla"))
            #expect(page.contains("la cámara le vio"), "the confidence is worded in Spanish")
            let broken = try await upload("/recordings/wall-squat", field: "file", #"{"layout":"coco17","frames":["#)
            #expect(broken.status == .unprocessableContent)
            Self.expectSpanish(broken, "a recording that could not be measured")
            #expect(Body.text(broken).contains("No se pudo medir el archivo"))
            let video = try await upload("/videos/wall-squat", field: "video", "not a video")
            #expect(video.status == .serviceUnavailable)
            Self.expectSpanish(video, "a video on a server without the pose worker")
            #expect(Body.text(video).contains("no está preparado para medir vídeos"))
        }
    }

    /// `POST /api/v1/me/checkins` answers in the patient's language: their choice, else `Accept-Language`. The
    /// level and rules are the same in every language; the stored triage, which the clinician reads, stays English.
    @Test func theCheckInAnswerSpeaksThePatientsLanguage() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            // A second patient with the same answers, in English: the rules are the same, the words are not.
            let (_, englishPatient) = try await client.addPatient(clinician: clinician)
            func checkIn(_ date: String, accept: String, as who: HTTPFields? = nil) async throws -> TestResponse {
                var headers = who ?? patient
                headers[.acceptLanguage] = accept
                let body =
                    #"{"date":"\#(date)","painAtRest":4,"swelling":"severe","temperatureCelsius":38.4,"#
                    + #""chestPainOrBreathless":true}"#
                return try await client.execute(
                    uri: "/api/v1/me/checkins", method: .post, headers: headers, body: Body.json(body))
            }
            let english = try await checkIn("2026-11-24", accept: "en", as: englishPatient)
            #expect(english.status == .created && english.headers[.contentLanguage] == "en")
            let englishAnswer = try Body.object(english)
            #expect(englishAnswer["headline"] as? String == TriageLevel.emergency.headline(emergencyNumber: "911"))
            let spanish = try await checkIn("2026-11-24", accept: "es-ES,es;q=0.9")
            #expect(spanish.status == .created && spanish.headers[.contentLanguage] == "es")
            let answer = try Body.object(spanish)
            #expect(answer["level"] as? String == "emergency" && answer["alertRaised"] as? Bool == true)
            #expect(answer["headline"] as? String == "Emergencia: llame al 911 ahora")
            func reasons(_ answer: [String: Any]) -> [(String, String)] {
                (answer["reasons"] as? [[String: Any]] ?? []).map {
                    ($0["rule"] as? String ?? "", $0["message"] as? String ?? "")
                }
            }
            let (inEnglish, inSpanish) = (reasons(englishAnswer), reasons(answer))
            #expect(inSpanish.count >= 2 && inSpanish.map(\.0) == inEnglish.map(\.0), "the same rules")
            for ((rule, text), (_, englishText)) in zip(inSpanish, inEnglish) {
                #expect(text != englishText && !text.isEmpty, "\(rule) is in Spanish: \(text)")
            }
            #expect(inSpanish.contains { $0.1.contains("38,4") }, "the patient's own numbers, written the Spanish way")
            _ = try await client.execute(
                uri: "/api/v1/me/language", method: .put, headers: patient, body: Body.json(#"{"language":"es"}"#))
            let chosen = try await checkIn("2026-11-25", accept: "en-US")
            #expect(chosen.headers[.contentLanguage] == "es", "the patient's choice wins over the browser")
            #expect(reasons(try Body.object(chosen)).contains { $0.1.contains("38,4") })
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            let stored = try #require(record["checkIns"] as? [[String: Any]])
            #expect(stored.count == 2)
        }
    }
}
