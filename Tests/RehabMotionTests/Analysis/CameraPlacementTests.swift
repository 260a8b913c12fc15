import Foundation
import RehabMotion
import Testing

@Suite struct CameraPlacementTests {
    @Test(arguments: MotionExercise.allCases)
    func everyExerciseSaysWhereThePhoneGoes(exercise: MotionExercise) {
        let placement = CameraPlacement(for: exercise)
        #expect(placement.exercise == exercise)
        #expect(placement.view == exercise.preferredView)
        #expect(placement.view == .side || placement.view == .front)
        // One plain sentence: where, how far, how high, and that the whole body must be seen.
        let text = placement.instruction
        #expect(text.hasPrefix("Put the phone") || text.hasPrefix("Lie down and put the phone"))
        #expect(text.hasSuffix(".") && text.filter { $0 == "." }.count == 1)
        #expect(text.contains("2 metres") && text.contains("height") && text.contains("in the picture"))
        #expect(text.contains(placement.view == .front ? "in front of" : "on the side of your operated leg"))
    }

    @Test func theTableHoldsEveryExerciseOnce() {
        #expect(CameraPlacement.all.map(\.exercise) == MotionExercise.allCases)
    }
}
