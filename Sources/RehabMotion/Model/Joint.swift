/// A body side, as the patient's own left or right.
///
/// Sides are anatomical, never image sides: a mirrored front camera swaps image sides, not the patient's legs.
public enum Side: String, Sendable, CaseIterable, Codable {
    case left
    case right

    /// The other leg.
    ///
    /// Used to find the contralateral hip for pelvic drop and the stance leg's partner in balance tests.
    public var opposite: Side { self == .left ? .right : .left }
}

/// A joint of the canonical skeleton that every layout maps into.
///
/// The analysis only needs these joints, so every estimator's layout is reduced to them once, at reading time,
/// and the maths never sees layout indices (docs/motion-sources.md §1.3 item 1).
public enum Joint: Int, Sendable, CaseIterable {
    case nose
    case leftShoulder
    case rightShoulder
    case leftHip
    case rightHip
    case leftKnee
    case rightKnee
    case leftAnkle
    case rightAnkle
    case leftHeel
    case rightHeel
    case leftToe
    case rightToe

    /// The number of canonical joints.
    ///
    /// Sizes the column storage of a recording.
    public static let count = allCases.count

    /// The same joint on the other side of the body (the nose maps to itself).
    ///
    /// Mirrored front cameras label the patient's left leg as the right one; swapping undoes that.
    public var swapped: Joint {
        switch self {
        case .nose: .nose
        case .leftShoulder: .rightShoulder
        case .rightShoulder: .leftShoulder
        case .leftHip: .rightHip
        case .rightHip: .leftHip
        case .leftKnee: .rightKnee
        case .rightKnee: .leftKnee
        case .leftAnkle: .rightAnkle
        case .rightAnkle: .leftAnkle
        case .leftHeel: .rightHeel
        case .rightHeel: .leftHeel
        case .leftToe: .rightToe
        case .rightToe: .leftToe
        }
    }

    /// The shoulder of one side.
    ///
    /// Lets side-aware code name joints without switching on the side everywhere.
    public static func shoulder(_ side: Side) -> Joint { side == .left ? .leftShoulder : .rightShoulder }
    /// The hip of one side.
    ///
    /// Lets side-aware code name joints without switching on the side everywhere.
    public static func hip(_ side: Side) -> Joint { side == .left ? .leftHip : .rightHip }
    /// The knee of one side.
    ///
    /// Lets side-aware code name joints without switching on the side everywhere.
    public static func knee(_ side: Side) -> Joint { side == .left ? .leftKnee : .rightKnee }
    /// The ankle of one side.
    ///
    /// Lets side-aware code name joints without switching on the side everywhere.
    public static func ankle(_ side: Side) -> Joint { side == .left ? .leftAnkle : .rightAnkle }
}
