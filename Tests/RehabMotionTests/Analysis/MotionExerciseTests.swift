import Foundation
import RehabMotion
import Testing

@Suite struct MotionExerciseTests {
    /// The catalog's exercise file, read as text: RehabMotion may not depend on RehabCore, but its ids must match.
    static let catalog: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RehabCore/Resources/catalog/exercises.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: MotionExercise.allCases)
    func everyExerciseIsACatalogID(exercise: MotionExercise) {
        #expect(Self.catalog.contains("- id: \(exercise.rawValue)\n"))
    }

    @Test func balanceWantsAFrontViewAndTheRestASideView() {
        for exercise in MotionExercise.allCases {
            #expect(exercise.preferredView == (exercise == .singleLegBalance ? .front : .side))
        }
    }
}
