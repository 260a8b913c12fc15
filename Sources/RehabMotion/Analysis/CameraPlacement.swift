/// Where to put the phone for an exercise, shown with a picture before recording.
///
/// Each exercise's own measures need one view (docs/motion-sources.md §2.9): knee and hip bends a side view, valgus,
/// pelvic drop and side-to-side sway a front view. The sentence is for the patient, in plain words.
public struct CameraPlacement: Sendable, Equatable {
    /// The exercise.
    public var exercise: MotionExercise
    /// The view the exercise needs: `.side` or `.front` (its `preferredView`).
    public var view: CameraView
    /// Where to put the phone, in one plain sentence.
    public var instruction: String

    /// The placement for an exercise.
    ///
    /// About 2 metres keeps a standing adult whole in a phone's picture; knee height keeps the knee square to the
    /// lens (the height of the bed or mat for lying exercises). A side view is taken from the operated leg's side,
    /// which the camera then sees unhidden; a front view straight on, because a slight turn already changes the
    /// frontal angle (§2.9).
    public init(for exercise: MotionExercise) {
        self.exercise = exercise
        view = exercise.preferredView
        instruction =
            switch exercise {
            case .wallSquat, .terminalKneeExtension:
                "Put the phone on a chair about 2 metres away on the side of your operated leg, at knee height, so "
                    + "your whole body is in the picture."
            case .straightLegRaise, .heelSlide:
                "Lie down and put the phone about 2 metres away on the side of your operated leg, at the height of "
                    + "the bed or mat, so you are in the picture from shoulders to feet."
            case .stepUp:
                "Put the phone on a chair about 2 metres in front of the step, at knee height and facing you straight "
                    + "on, so your whole body and the step are in the picture."
            case .singleLegBalance:
                "Put the phone on a chair about 2 metres in front of you, at knee height and facing you straight on, "
                    + "so your whole body is in the picture."
            }
    }

    /// Every exercise's placement, in the order of `MotionExercise.allCases`.
    public static let all = MotionExercise.allCases.map(CameraPlacement.init(for:))
}
