import RehabMotion
import Testing

@Suite struct MotionErrorTests {
    @Test func describesItselfAsFieldThenProblem() {
        let error = MotionError(.timestamps, field: "frames[12].t", problem: "is not after the previous frame's time")
        #expect(error.description == "frames[12].t: is not after the previous frame's time")
        #expect(error.code == .timestamps)
        #expect(
            error == MotionError(.timestamps, field: "frames[12].t", problem: "is not after the previous frame's time"))
    }
}
