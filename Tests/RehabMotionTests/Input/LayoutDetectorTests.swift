import RehabMotion
import Testing

@Suite struct LayoutDetectorTests {
    @Test(arguments: KeypointLayout.allCases, [CameraView.side, .front])
    func detectsEveryLayoutIncludingBody25Variants(layout: KeypointLayout, view: CameraView) throws {
        var options = SyntheticRecording.Options()
        options.layout = layout
        options.view = view
        #expect(try LayoutDetector.detect(SyntheticRecording(options).document.frames) == layout)
    }

    @Test func unknownJointCountNamesTheLayout() {
        let frames: [RawFrame?] = [RawFrame(time: 0, people: [Array(repeating: nil, count: 21)])]
        #expect {
            try LayoutDetector.detect(frames)
        } throws: { error in
            (error as? MotionError)?.field == "layout"
        }
    }
}
