import RehabMotion
import Testing

@Suite struct JointTests {
    @Test func swappingSidesTwiceIsTheSameJoint() {
        for joint in Joint.allCases { #expect(joint.swapped.swapped == joint) }
        #expect(Joint.nose.swapped == .nose)
        #expect(Joint.leftKnee.swapped == .rightKnee && Joint.rightToe.swapped == .leftToe)
    }

    @Test(arguments: Side.allCases)
    func sideHelpersNameThatSidesJoints(side: Side) {
        let joints = [Joint.shoulder(side), .hip(side), .knee(side), .ankle(side)]
        #expect(joints.allSatisfy { "\($0)".hasPrefix(side.rawValue) })
        #expect(
            joints.map(\.swapped) == [
                .shoulder(side.opposite), .hip(side.opposite), .knee(side.opposite),
                .ankle(side.opposite),
            ])
        #expect(side.opposite.opposite == side && side.opposite != side)
    }

    @Test func countIsTheNumberOfCanonicalJoints() {
        #expect(Joint.count == 13 && Joint.allCases.map(\.rawValue) == Array(0..<13))
    }
}
