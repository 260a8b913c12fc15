import Foundation
import RehabCore
import Testing

/// The sentences the program composes live in `sentences.yaml`, in every language, with the same placeholders.
struct SentencesTests {
    let sentences = Catalog.bundled.sentences

    /// The English is the program's English of before, byte for byte (stored plans and golden files rely on it).
    @Test func theEnglishIsUnchanged() {
        #expect(
            sentences.text("notice")
                == "This program supports your physical therapist's care and does not replace it. "
                + "If something feels wrong, stop and contact your care team.")
        #expect(
            sentences.text("pain-red", ["painAmberMax": "5"])
                == "It hurt more than 5 out of 10 last time, so we have made it one step easier.")
        #expect(
            IceAdvice.whenNeeded(time: "15 minutes")
                == "After your exercises, if your knee is sore or swollen: a cold pack wrapped in a damp cloth for "
                + "15 minutes, at least an hour apart. Never put ice straight on the skin.")
    }

    @Test func placeholdersAreFilledInEveryLanguage() {
        for language in Language.allCases {
            let text = sentences.text("maintenance", in: language, ["date": "2026-12-01"])
            #expect(text.contains("2026-12-01") && !text.contains("{"))
        }
        #expect(
            sentences.text("pain-red", in: .spanish, ["painAmberMax": "5"])
                == "La última vez le dolió más de 5 de 10. Por eso lo hemos hecho un paso más fácil.")
    }

    @Test func placeholdersAreFound() {
        #expect(Sentences.placeholders("a {b} c {d}{e}") == ["b", "d", "e"])
        #expect(Sentences.placeholders("none here").isEmpty)
    }

    @Test func everyRuleSentenceReadsInSpanish() {
        let settings = Catalog.bundled.progression
        for rule in ProgressionRules.ordered {
            let spanish = rule.reason(settings, sentences: sentences, in: .spanish)
            #expect(spanish != rule.reason(settings), "\(rule.id) has its own Spanish")
            #expect(!spanish.contains("{"), "\(rule.id) fills every placeholder")
        }
    }

    /// A clinic's `sentences.yaml` replaces single sentences; one without its Spanish is refused.
    @Test func aClinicChangesOneSentenceAndMayNotDropALanguage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sentences-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sentences.yaml")
        try "sentences:\n  keep-going:\n    en: Keep at it.\n    es: Siga así.\n".write(
            to: file, atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(override: directory)
        #expect(catalog.sentences.text("keep-going", in: .spanish) == "Siga así.")
        #expect(catalog.sentences.text("too-hard") == Catalog.bundled.sentences.text("too-hard"))
        try "sentences:\n  keep-going:\n    en: Keep at it.\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: CatalogError.self) { try Catalog.load(override: directory) }
        try "sentences:\n  pain-red:\n    en: More than {painAmberMax}.\n    es: Más de {umbral}.\n".write(
            to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Catalog.load(override: directory)
            Issue.record("a Spanish sentence with other placeholders must be refused")
        } catch {
            #expect(error.problems.contains { $0.keyPath == "sentences.pain-red.es" })
        }
    }
}
