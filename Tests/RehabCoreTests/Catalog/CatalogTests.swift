import Foundation
import RehabCore
import Testing

@Suite struct CatalogTests {
    static let contractExercises: [ExerciseID] = [
        "warm-up-walk", "stationary-bike", "quad-set", "straight-leg-raise", "heel-slide", "wall-squat", "step-up",
        "hamstring-stretch", "inner-thigh-stretch", "single-leg-balance", "side-lying-hip-abduction", "clamshell",
        "bridge", "terminal-knee-extension", "ice",
    ]

    @Test func bundledCatalogHoldsEveryContractExerciseAndProtocol() throws {
        let catalog = try Catalog.load()
        for id in Self.contractExercises {
            let exercise = try #require(catalog.exercise(id), "missing \(id)")
            #expect(exercise.poses.count >= 2)
            #expect(!exercise.steps.isEmpty && !exercise.cues.isEmpty)
        }
        for kind in SurgeryKind.allCases {
            #expect(catalog.protocol(for: kind).phases.count >= 3, "\(kind) needs phases")
        }
    }

    @Test(
        arguments: ["quad-set", "straight-leg-raise", "wall-squat", "step-up", "single-leg-balance", "clamshell"]
            as [ExerciseID])
    func laddersHaveAtLeastThreeSteps(_ id: ExerciseID) throws {
        #expect(try #require(Catalog.bundled.exercise(id)).ladder.count >= 3)
    }

    @Test func stepUpHeightsClimbTenFifteenTwentyCentimetres() throws {
        let ladder = try #require(Catalog.bundled.exercise("step-up")).ladder
        let heights = ladder.compactMap(\.dose.stepHeightCm)
        #expect(Array(heights.prefix(3)) == [10, 15, 20])
    }

    @Test func everyLadderStepAndCriterionCitesASource() {
        let catalog = Catalog.bundled
        for exercise in catalog.exercises.values {
            #expect(exercise.ladder.allSatisfy { !$0.source.isEmpty })
        }
        for item in catalog.protocols.values {
            for phase in item.phases {
                #expect(phase.entryCriteria.allSatisfy { !$0.source.isEmpty })
            }
        }
    }

    // MARK: - Validation of a clinic's override

    /// Writes one override file over a copy of the bundled catalog and returns the load problems.
    private func problems(file: String, edit: (String) -> String) throws -> [CatalogError.Problem] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("protocols"), withIntermediateDirectories: true)
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

    @Test func anUnknownExerciseInAProtocolIsReportedWithItsPath() throws {
        let found = try problems(file: "protocols/total-knee-replacement.yaml") {
            $0.replacingOccurrences(of: "{id: quad-set,", with: "{id: quad-sett,")
        }
        let problem = try #require(found.first)
        #expect(problem.file == "protocols/total-knee-replacement.yaml")
        #expect(problem.keyPath.hasSuffix("exercises[quad-sett]"))
        #expect(problem.problem == "unknown exercise")
    }

    @Test func overlappingPhasesAreReported() throws {
        let found = try problems(file: "protocols/total-knee-replacement.yaml") {
            $0.replacingOccurrences(of: "toWeek: 2\n", with: "toWeek: 3\n")
        }
        #expect(found.contains { $0.keyPath == "phases[tkr-1].toWeek" && $0.problem.contains("overlaps") })
    }

    @Test func aLadderGapIsReported() throws {
        let found = try problems(file: "exercises.yaml") {
            $0.replacingOccurrences(of: "      - step: 2\n", with: "      - step: 3\n")
        }
        #expect(found.contains { $0.keyPath.contains(".ladder[1].step") && $0.problem.contains("expected 2") })
    }

    @Test func aDoseOutOfRangeIsReported() throws {
        let found = try problems(file: "exercises.yaml") { text in
            guard let range = text.range(of: "reps: 10") else { return text }
            return text.replacingCharacters(in: range, with: "reps: 500")
        }
        #expect(found.contains { $0.keyPath.hasSuffix("dose.reps") && $0.problem == "500 is outside 1–100" })
    }

    @Test func aMissingSourceIsReported() throws {
        let found = try problems(file: "progression.yaml") {
            $0.replacingOccurrences(
                of: "painGreenMax:\n  value: 2\n  source:", with: "painGreenMax:\n  value: 2\n  sourc:")
        }
        #expect(found.contains { $0.file == "progression.yaml" && $0.keyPath.hasPrefix("painGreenMax") })
    }

    @Test func aPrescriptionThatBreaksARestrictionIsReported() throws {
        // A bike in the first weeks after an MCL reconstruction is refused by the exercise's own restriction.
        let found = try problems(file: "protocols/mcl-reconstruction.yaml") { text in
            guard let range = text.range(of: "{id: warm-up-walk, step: 1}") else { return text }
            return text.replacingCharacters(in: range, with: "{id: stationary-bike, step: 1}")
        }
        #expect(
            found.contains {
                $0.keyPath.contains("exercises[stationary-bike]") && $0.problem.contains("not allowed before week")
            })
    }
}
