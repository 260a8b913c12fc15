import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct JointAnglesTests {
    @Test(arguments: [0.0, 30, 90, 135, 179])
    func flexionOfAKnownBend(degrees: Double) {
        // Hip straight above the knee; the shank turns by `degrees` from straight down.
        let r = degrees * .pi / 180
        let flexion = JointAngles.flexion(0, -1, 0, 0, sin(r), cos(r))
        #expect(abs(flexion - degrees) < 1e-9)
        let flexion3D = JointAngles.flexion3D((0, -1, 0), (0, 0, 0), (0, cos(r), sin(r)))
        #expect(abs(flexion3D - degrees) < 1e-9)
    }

    @Test(arguments: [(Side.left, 10.0), (.left, -10), (.right, 10), (.right, -6)])
    func frontalProjectionIsPositiveForAMedialKnee(side: Side, valgus: Double) {
        // Facing the camera: the patient's left leg is on image right, the other hip toward image left.
        let lateral = side == .left ? 1.0 : -1.0
        let hip = (lateral * 0.1, 0.0)
        let ankle = (lateral * 0.1, 1.0)
        let shift = 0.5 * tan(valgus / 2 * .pi / 180)
        let knee = (lateral * 0.1 - lateral * shift, 0.5)
        let otherHip = (-lateral * 0.1, 0.0)
        let fppa = JointAngles.frontalProjection(hip: hip, knee: knee, ankle: ankle, otherHip: otherHip)
        #expect(abs(fppa - valgus) < 1e-9)
        // Mirroring the image (x → −x) keeps the sign: it is read from the midline, not the image side.
        let mirrored = JointAngles.frontalProjection(
            hip: (-hip.0, hip.1), knee: (-knee.0, knee.1), ankle: (-ankle.0, ankle.1), otherHip: (-otherHip.0, 0))
        #expect(abs(mirrored - valgus) < 1e-9)
    }

    @Test(arguments: [(0.0, 0.0), (1, 10), (-1, 10), (1, -10)])
    func tiltDoesNotWrapWithFacing(dx: Double, dy: Double) {
        let tilt = JointAngles.tilt(0, 0, dx == 0 ? 1 : dx * 100, dy)
        #expect(abs(tilt) < 90)
    }

    @Test func flexionStaysWithinZeroToOneEighty() async {
        let coordinate = Gen.double(in: -1000...1000)
        await propertyCheck(input: coordinate, coordinate, coordinate, coordinate) { a, b, c, d in
            let flexion = JointAngles.flexion(a, b, c, d, b, a)
            #expect(flexion.isNaN || (0...180).contains(flexion))
        }
    }

    @Test func missingJointGivesNaN() {
        #expect(JointAngles.flexion(.nan, 0, 0, 0, 1, 1).isNaN)
    }
}
