import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct PersonTrackerTests {
    /// A person standing at `x` with the given height: every canonical joint, spread from head to feet.
    static func person(x: Double, height: Double = 600, joints: Int = Joint.count) -> CanonicalPose {
        var pose = CanonicalPose()
        for joint in 0..<joints {
            pose.x[joint] = x + (joint.isMultiple(of: 2) ? 20 : -20)
            pose.y[joint] = 100 + height * Double(joint) / Double(Joint.count - 1)
        }
        return pose
    }

    @Test func startsWithTheMostProminentPerson() {
        var tracker = PersonTracker()
        let small = Self.person(x: 200, height: 300)
        let large = Self.person(x: 900)
        #expect(tracker.pick([small, large], time: 0) == 1)
    }

    @Test func aFullSkeletonOutweighsAFragment() {
        var tracker = PersonTracker()
        let fragment = Self.person(x: 200, height: 700, joints: 4)
        #expect(tracker.pick([fragment, Self.person(x: 900)], time: 0) == 1)
    }

    @Test func followsThePatientWhateverOrderThePeopleComeIn() {
        var tracker = PersonTracker()
        #expect(tracker.pick([Self.person(x: 640), Self.person(x: 200, height: 500)], time: 0) == 0)
        for frame in 1..<60 {
            let t = Double(frame) / 30
            let patient = Self.person(x: 640 + 30 * sin(t))
            let bystander = Self.person(x: 200 + 100 * t, height: 500)
            let order = frame.isMultiple(of: 2) ? [patient, bystander] : [bystander, patient]
            #expect(tracker.pick(order, time: t) == (frame.isMultiple(of: 2) ? 0 : 1))
        }
    }

    @Test func aJumpTooFarIsSomeoneElse() {
        var tracker = PersonTracker()
        _ = tracker.pick([Self.person(x: 300)], time: 0)
        // 0.6 body heights in one frame: beyond 0.5 + 2 body heights/s × 1/30 s.
        #expect(tracker.pick([Self.person(x: 300 + 0.6 * 600)], time: 1.0 / 30) == nil)
        // Half a second later the allowance has grown to 1.5 body heights.
        #expect(tracker.pick([Self.person(x: 300 + 0.6 * 600)], time: 0.5) == 0)
    }

    @Test func afterASecondAloneItStartsOver() {
        var tracker = PersonTracker()
        _ = tracker.pick([Self.person(x: 300)], time: 0)
        let elsewhere = [Self.person(x: 1500, height: 300), Self.person(x: 2400)]
        #expect(tracker.pick(elsewhere, time: 0.5) == nil)
        #expect(tracker.pick(elsewhere, time: 1.5) == 1)
    }

    @Test func fewerThanThreeJointsIsNobody() {
        var tracker = PersonTracker()
        #expect(tracker.pick([Self.person(x: 300, joints: 2)], time: 0) == nil)
        #expect(tracker.pick([], time: 0.1) == nil)
    }

    @Test func neverSwitchesBetweenTwoSeparatePeople() async {
        await propertyCheck(input: Gen.bool.array(of: 1...60), Gen.double(in: 400...900)) { swaps, distance in
            var tracker = PersonTracker()
            _ = tracker.pick([Self.person(x: 100), Self.person(x: 100 + distance, height: 550)], time: 0)
            for (frame, swap) in swaps.enumerated() {
                let patient = Self.person(x: 100 + Double(frame % 5))
                let other = Self.person(x: 100 + distance, height: 550)
                #expect(
                    tracker.pick(swap ? [other, patient] : [patient, other], time: Double(frame + 1) / 30)
                        == (swap ? 1 : 0))
            }
        }
    }
}
