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

    /// Bending one way about the hip line and the other give the same size with opposite signs (which sign is
    /// flexion is settled afterwards by the clearly bent samples), and turning the whole leg about the vertical
    /// changes neither.
    @Test(arguments: [35.0, 8], [0.0, 50, 90])
    func signedFlexion3DTellsTheTwoBendsApartFromAnyYaw(degrees: Double, yaw: Double) {
        // Body frame: x toward the patient's left, y down, z along the line of sight; the shank swings in y–z.
        let turn = yaw * .pi / 180
        func turned(_ p: (Double, Double, Double)) -> (Double, Double, Double) {
            (p.0 * cos(turn) - p.2 * sin(turn), p.1, p.0 * sin(turn) + p.2 * cos(turn))
        }
        func bent(_ degrees: Double) -> Double {
            let r = degrees * .pi / 180
            return JointAngles.signedFlexion3D(
                turned((0, -1, 0)), turned((0, 0, 0)), turned((0, cos(r), sin(r))), axis: turned((1, 0, 0)))
        }
        #expect(abs(abs(bent(degrees)) - degrees) < 1e-9)
        #expect(abs(bent(degrees) + bent(-degrees)) < 1e-9)
        #expect(bent(degrees) != 0)
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
