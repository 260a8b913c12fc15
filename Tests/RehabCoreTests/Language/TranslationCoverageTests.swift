import Foundation
import RehabCore
import Testing

/// The translation-coverage test: a catalog whose patient-facing text lacks its Spanish is refused, naming the
/// place; the validated questionnaires' items are left out by rule (their Spanish must be the licensed one).
struct TranslationCoverageTests {
    /// Writes `translations/es.yaml` (edited from the bundled one) into an override and returns the problems.
    private func problems(edit: (String) -> String) throws -> [CatalogError.Problem] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("es-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = "translations/es.yaml"
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("translations"), withIntermediateDirectories: true)
        let original = try String(contentsOf: CatalogDirectory.bundled.appendingPathComponent(file), encoding: .utf8)
        let edited = edit(original)
        #expect(edited != original, "the edit must change the file")
        try edited.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        do {
            _ = try Catalog.load(override: directory)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theBundledCatalogHasSpanishForEveryPatientText() {
        #expect(Catalog.bundled.translations[.spanish] != nil)
        let spanish = Catalog.bundled.translated(to: .spanish)
        for id in Catalog.bundled.exerciseIDs {
            let (english, words) = (Catalog.bundled.exercises[id], spanish.exercises[id])
            #expect(words?.name != english?.name, "\(id) has a Spanish name")
            #expect(words?.steps.count == english?.steps.count)
            #expect(words?.ladder.map(\.dose.sets) == english?.ladder.map(\.dose.sets), "doses are untouched")
        }
    }

    @Test func aMissingStepIsRefusedWithItsPlace() throws {
        let found = try problems {
            $0.replacingOccurrences(of: "      - Pare cuando termine el tiempo.\n", with: "")
        }
        #expect(found.contains { $0.file == "translations/es.yaml" && $0.keyPath == "exercises.stationary-bike.steps" })
    }

    @Test func aMissingExerciseIsRefused() throws {
        let found = try problems { text in
            // Drop the ice exercise's whole entry (the last exercise), keeping the protocols.
            guard let start = text.range(of: "  ice:\n"), let end = text.range(of: "\nprotocols:") else { return text }
            return String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
        }
        // An override's file is laid over the bundled one entry by entry, so a dropped entry keeps the bundled one.
        #expect(found.isEmpty)
    }

    @Test func anEmptyPhaseNameIsRefused() throws {
        let found = try problems {
            $0.replacingOccurrences(of: "name: Primeras semanas en casa", with: "name: \"\"")
        }
        #expect(found.contains { $0.keyPath == "protocols.total-knee-replacement.phases.tkr-1.name" })
    }

    @Test func aClinicChangesOneTranslation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("es-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("translations"), withIntermediateDirectories: true)
        let bundled = try #require(Catalog.bundled.translations[.spanish]?.exercises["ice"])
        let entry = """
            exercises:
              ice:
                name: Frío local
                purpose: \(bundled.purpose)
                steps: [\(bundled.steps.map { "\"\($0)\"" }.joined(separator: ", "))]
                cues: [\(bundled.cues.map { "\"\($0)\"" }.joined(separator: ", "))]
                ladder: ["\(bundled.ladder[0])"]
                restrictions: []
                contraindications: [\(bundled.contraindications.map { "\"\($0)\"" }.joined(separator: ", "))]
            """
        try entry.write(
            to: directory.appendingPathComponent("translations/es.yaml"), atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(override: directory).translated(to: .spanish)
        #expect(catalog.exercise("ice")?.name == "Frío local")
        #expect(catalog.exercise("wall-squat")?.name == "Sentadilla contra la pared", "other entries stay")
    }

    /// A clinic that adds an exercise must add its Spanish: the same catalog without it is refused.
    @Test func aClinicsNewExerciseNeedsItsSpanish() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let exercises = try String(
            contentsOf: CatalogDirectory.bundled.appendingPathComponent("exercises.yaml"), encoding: .utf8)
        let copy = try #require(exercises.range(of: "  - id: clamshell")).lowerBound
        let end = try #require(exercises.range(of: "  - id: single-leg-balance")).lowerBound
        let added = String(exercises[copy..<end]).replacingOccurrences(of: "id: clamshell", with: "id: clamshell-2")
        try (exercises + "\n" + added).write(
            to: directory.appendingPathComponent("exercises.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Catalog.load(override: directory)
            Issue.record("an exercise without Spanish must be refused")
        } catch {
            #expect(error.problems.contains { $0.keyPath == "exercises.clamshell-2" })
        }
    }
}
