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

    /// Balance and the step-up measure sway, valgus and hip drop (front); the rest measure knee and hip bends (side).
    @Test func frontalExercisesWantAFrontViewAndTheRestASideView() {
        for exercise in MotionExercise.allCases {
            let frontal = exercise == .singleLegBalance || exercise == .stepUp
            #expect(exercise.preferredView == (frontal ? .front : .side))
        }
    }

    @Test func loadingSaysWhichLegsCarryTheBody() {
        #expect(MotionExercise.wallSquat.loading == .bothLegs)
        #expect(MotionExercise.stepUp.loading == .oneLeg && MotionExercise.singleLegBalance.loading == .oneLeg)
        #expect(MotionExercise.heelSlide.loading == .lying && MotionExercise.straightLegRaise.loading == .lying)
    }
}
