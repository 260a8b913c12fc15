import RehabMotion
import Testing

@Suite struct KeypointLayoutTests {
    @Test(arguments: KeypointLayout.allCases)
    func indicesAreDistinctAndInRange(layout: KeypointLayout) {
        let indices = Joint.allCases.compactMap { layout.index(of: $0) }
        #expect(Set(indices).count == indices.count)
        #expect(indices.allSatisfy { (0..<layout.jointCount).contains($0) })
    }

    @Test(arguments: [
        (KeypointLayout.blazepose33, Joint.leftKnee, 25), (.coco17, .rightAnkle, 16), (.body25, .leftHip, 12),
        (.body25, .rightHip, 9), (.body25b, .leftHip, 11), (.body25, .leftHeel, 21),
    ])
    func matchesTheDocumentedTable(layout: KeypointLayout, joint: Joint, index: Int) {
        #expect(layout.index(of: joint) == index)
    }

    @Test func cocoHasNoFeet() {
        #expect(KeypointLayout.coco17.index(of: .leftHeel) == nil)
    }
}
