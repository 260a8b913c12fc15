/// The keypoint layout of a pose estimator: which index holds which joint.
///
/// Estimators number joints differently (docs/motion-sources.md §1.1); reading through a layout is the only place where
/// indices appear, so a new estimator needs one table, not new maths.
public enum KeypointLayout: String, Sendable, CaseIterable, Codable {
    /// MediaPipe Pose / ML Kit, 33 joints.
    case blazepose33
    /// MoveNet, YOLO-pose, RTMPose-coco and most COCO-trained models, 17 joints.
    case coco17
    /// OpenPose's default BODY_25 (right side first).
    case body25
    /// OpenPose's experimental BODY_25B (COCO order plus neck, head and feet).
    case body25b

    /// How many joints one frame of this layout holds.
    ///
    /// Auto-detection starts from this count, and a document whose rows are the wrong length is rejected.
    public var jointCount: Int {
        switch self {
        case .blazepose33: 33
        case .coco17: 17
        case .body25, .body25b: 25
        }
    }

    /// The layouts that have a given number of joints per frame.
    ///
    /// BODY_25 and BODY_25B share a count and need the geometric check in `LayoutDetector`.
    public static func candidates(jointCount: Int) -> [KeypointLayout] {
        allCases.filter { $0.jointCount == jointCount }
    }

    /// The index of a canonical joint in this layout, or nil when the layout lacks it.
    ///
    /// COCO-17 has no heels or toes; the analysis then falls back to ankles.
    public func index(of joint: Joint) -> Int? {
        table[joint.rawValue]
    }

    /// Index per canonical joint, in `Joint` order (motion-sources §1.1 table).
    private var table: [Int?] {
        switch self {
        // nose, lSh, rSh, lHip, rHip, lKnee, rKnee, lAnkle, rAnkle, lHeel, rHeel, lToe, rToe
        case .blazepose33: [0, 11, 12, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]
        case .coco17: [0, 5, 6, 11, 12, 13, 14, 15, 16, nil, nil, nil, nil]
        case .body25: [0, 5, 2, 12, 9, 13, 10, 14, 11, 21, 24, 19, 22]
        case .body25b: [0, 5, 6, 11, 12, 13, 14, 15, 16, 21, 24, 19, 22]
        }
    }
}
