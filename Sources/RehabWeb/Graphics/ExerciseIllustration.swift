import Foundation
import RehabCore

/// Draws an exercise's key poses as a stick figure in SVG, animated between the poses with SMIL.
///
/// The figure faces right. Angles follow the catalog: 0° is a straight hip or knee, positive is bent, and a negative
/// hip puts the leg behind the body; in a front view the hip angle is the sideways spread (abduction). Points are
/// computed in a 3-D body frame and drawn with a light oblique projection: depth toward the viewer moves a point
/// down by `depthShift` of its depth, so a knee bent away from the viewer shows as a raised foot. The animation
/// plays for less than 5 seconds in all (WCAG 2.2.2) and rests on the first pose.
enum ExerciseIllustration {
    /// Length of the thigh, in SVG user units.
    static let thighLength = 50.0
    /// Length of the shank (knee to ankle).
    static let shankLength = 50.0
    /// Length of the trunk, from the middle of the pelvis to the base of the neck.
    static let trunkLength = 70.0
    /// Length of an arm.
    static let armLength = 52.0
    /// Radius of the head.
    static let headRadius = 13.0
    /// Distance from the middle of the pelvis to each hip joint.
    static let pelvisHalfWidth = 9.0
    /// How far a point moves down per unit of depth toward the viewer.
    static let depthShift = 0.3
    /// The y of the floor line.
    static let floorY = 220.0
    /// Where the pelvis stands when the body is upright.
    static let uprightX = 150.0
    /// Where the pelvis lies when the body is lying down.
    static let lyingX = 180.0
    /// Longest time the animation may play, in seconds.
    static let maximumAnimationSeconds = 4.8

    /// Colour of the leg that does the exercise (9:1 on white).
    static let exercisingColour = "#0b4f8a"
    /// Colour of the other leg, lighter but 4.6:1 on white.
    static let otherLegColour = "#757575"
    /// Colour of the head, trunk and arms.
    static let bodyColour = "#1a1a1a"
    /// Colour of the floor, wall, chair and step.
    static let propColour = "#595959"

    /// The SVG markup for an exercise: the figure in each key pose, the props it needs, and a title and description.
    ///
    /// `highlightSide` names the leg that does the exercise; in a front view it decides which side of the picture
    /// that leg is on (the patient faces the viewer, so the left leg is on the right of the picture).
    ///
    /// `describedAs` replaces the English description (a page in another language passes its own words).
    static func svg(for exercise: Exercise, highlightSide: Side?, describedAs: String? = nil) -> String {
        let prefix = "ill-" + sanitizedID(exercise.id.rawValue)
        let poses =
            exercise.poses.isEmpty
            ? [defaultPose]
            : exercise.poses.map {
                Pose(
                    name: $0.name, posture: $0.posture, view: $0.view, hip: $0.hip, knee: $0.knee,
                    otherHip: $0.otherHip, otherKnee: $0.otherKnee, trunk: $0.trunk)
            }
        let layout = Layout(exercise: exercise, poses: poses, side: highlightSide)
        let figures = layout.figures
        let timing = AnimationTiming(poseCount: figures.count)
        var body: [String] = []
        body.append(contentsOf: layout.staticProps())
        for part in Part.drawingOrder(view: poses[0].view) {
            body.append(line(part: part, figures: figures, prefix: prefix, timing: timing))
        }
        body.append(head(figures: figures, prefix: prefix, timing: timing))
        if exercise.id.rawValue.contains("ice") {
            body.append(icePack(figures: figures, prefix: prefix, timing: timing))
        }
        let bounds = layout.bounds(including: figures)
        let viewBox = [bounds.minX, bounds.minY, bounds.maxX - bounds.minX, bounds.maxY - bounds.minY]
            .map(number).joined(separator: " ")
        let sentence = describedAs ?? description(poseNames: exercise.poses.map(\.name), side: highlightSide)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="\(viewBox)" role="img" \
            aria-labelledby="\(prefix)-title \(prefix)-desc" class="exercise-illustration">\
            <title id="\(prefix)-title">\(escape(exercise.name))</title>\
            <desc id="\(prefix)-desc">\(escape(sentence))</desc>\
            \(body.joined())</svg>
            """
    }

    /// One plain sentence naming the poses in order, and which leg is the drawn-thick one.
    static func description(poseNames: [String], side: Side?) -> String {
        let leg =
            side.map { "the thick dark leg is your \($0.rawValue) leg" } ?? "the thick dark leg does the exercise"
        let names = poseNames.map { $0.replacingOccurrences(of: "-", with: " ") }
        guard let first = names.first, names.count > 1 else {
            return names.first.map { "Shows the \($0) position; \(leg)." } ?? "Shows the exercise; \(leg)."
        }
        let middle = names.dropFirst()
        let path =
            middle.count == 1
            ? middle.joined()
            : middle.dropLast().joined(separator: ", ") + " and "
                + (middle.last ?? "")
        return "Moves from \(first) to \(path) and back; \(leg)."
    }

    /// Pose used when an exercise lists none, so the page still shows a person.
    private static let defaultPose = Pose(
        name: "start", posture: "standing", view: "side", hip: 0, knee: 0, otherHip: 0, otherKnee: 0, trunk: 0)

    /// A key pose as the drawing uses it (the catalog's `KeyPose` has no public initializer).
    struct Pose {
        /// The name of the moment.
        var name: String
        /// `lying-on-back`, `lying-on-side`, `sitting` or `standing`.
        var posture: String
        /// `side` or `front`.
        var view: String
        /// Hip angle of the exercising leg (front view: sideways spread).
        var hip: Double
        /// Knee bend of the exercising leg.
        var knee: Double
        /// Hip angle of the other leg.
        var otherHip: Double
        /// Knee bend of the other leg.
        var otherKnee: Double
        /// Trunk lean from the posture's neutral line.
        var trunk: Double
    }

    // MARK: - Drawing

    /// A line of the figure: which joints it joins, and how it is drawn.
    enum Part: String, CaseIterable {
        case otherThigh = "other-thigh"
        case otherShank = "other-shank"
        case otherArm = "other-arm"
        case trunk
        case arm
        case thigh
        case shank

        /// Back to front: the other leg behind the body, the exercising leg in front of it.
        static func drawingOrder(view: String) -> [Part] {
            view == "front"
                ? [.otherThigh, .otherShank, .trunk, .otherArm, .arm, .thigh, .shank]
                : [.otherArm, .otherThigh, .otherShank, .trunk, .thigh, .shank, .arm]
        }

        /// The joints at the two ends.
        func ends(of figure: Figure) -> (Point, Point) {
            switch self {
            case .otherThigh: (figure.otherHip, figure.otherKnee)
            case .otherShank: (figure.otherKnee, figure.otherFoot)
            case .otherArm: (figure.neck, figure.otherHand)
            case .trunk: (figure.pelvis, figure.neck)
            case .arm: (figure.neck, figure.hand)
            case .thigh: (figure.hip, figure.knee)
            case .shank: (figure.knee, figure.foot)
            }
        }

        /// Stroke colour and width; the exercising leg is darker and thicker, so colour is not the only cue.
        var stroke: (colour: String, width: Int) {
            switch self {
            case .otherThigh, .otherShank: (ExerciseIllustration.otherLegColour, 6)
            case .thigh, .shank: (ExerciseIllustration.exercisingColour, 9)
            case .trunk: (ExerciseIllustration.bodyColour, 7)
            case .arm, .otherArm: (ExerciseIllustration.bodyColour, 5)
            }
        }
    }

    /// A point in SVG user units (y grows downward).
    struct Point: Equatable {
        /// Horizontal position.
        var x: Double
        /// Vertical position, downward.
        var y: Double

        /// The point moved by an offset.
        func moved(_ dx: Double, _ dy: Double) -> Point { Point(x: x + dx, y: y + dy) }
    }

    /// The joints of the figure in one pose, in SVG user units.
    struct Figure {
        /// Middle of the pelvis.
        var pelvis: Point
        /// Base of the neck (top of the trunk).
        var neck: Point
        /// Centre of the head.
        var head: Point
        /// End of the near (or the right-of-picture) arm.
        var hand: Point
        /// End of the other arm.
        var otherHand: Point
        /// Hip joint of the exercising leg.
        var hip: Point
        /// Knee of the exercising leg.
        var knee: Point
        /// Ankle of the exercising leg.
        var foot: Point
        /// Hip joint of the other leg.
        var otherHip: Point
        /// Knee of the other leg.
        var otherKnee: Point
        /// Ankle of the other leg.
        var otherFoot: Point

        /// Every joint, for bounds.
        var all: [Point] { [pelvis, neck, hand, otherHand, hip, knee, foot, otherHip, otherKnee, otherFoot] }

        /// The same figure moved by an offset.
        func moved(_ dx: Double, _ dy: Double) -> Figure {
            Figure(
                pelvis: pelvis.moved(dx, dy), neck: neck.moved(dx, dy), head: head.moved(dx, dy),
                hand: hand.moved(dx, dy), otherHand: otherHand.moved(dx, dy), hip: hip.moved(dx, dy),
                knee: knee.moved(dx, dy), foot: foot.moved(dx, dy), otherHip: otherHip.moved(dx, dy),
                otherKnee: otherKnee.moved(dx, dy), otherFoot: otherFoot.moved(dx, dy))
        }
    }

    /// How long the animation runs: each pose is held, then the figure moves to the next, and back to the first.
    struct AnimationTiming {
        /// Seconds for one pass through all the poses.
        let cycleSeconds: Double
        /// How many passes.
        let repeatCount: Int

        /// Timing for `poseCount` poses, 0.6 s per hold and per move, whole passes within the 4.8 s limit.
        init(poseCount: Int) {
            cycleSeconds = min(1.2 * Double(max(poseCount, 1)), ExerciseIllustration.maximumAnimationSeconds)
            repeatCount = max(1, Int((ExerciseIllustration.maximumAnimationSeconds / cycleSeconds).rounded(.down)))
        }

        /// The `dur`/`repeatCount`/`fill` attributes of an `<animate>` element.
        var attributes: String {
            "dur=\"\(ExerciseIllustration.number(cycleSeconds))s\" repeatCount=\"\(repeatCount)\" fill=\"freeze\""
        }
    }

    /// A line element for one part, animated through every pose.
    private static func line(part: Part, figures: [Figure], prefix: String, timing: AnimationTiming) -> String {
        let ends = figures.map(part.ends(of:))
        let stroke = part.stroke
        guard let first = ends.first else { return "" }
        let animations =
            animate("x1", ends.map(\.0.x), timing) + animate("y1", ends.map(\.0.y), timing)
            + animate("x2", ends.map(\.1.x), timing) + animate("y2", ends.map(\.1.y), timing)
        return "<line id=\"\(prefix)-\(part.rawValue)\" x1=\"\(number(first.0.x))\" y1=\"\(number(first.0.y))\" "
            + "x2=\"\(number(first.1.x))\" y2=\"\(number(first.1.y))\" stroke=\"\(stroke.colour)\" "
            + "stroke-width=\"\(stroke.width)\" stroke-linecap=\"round\">\(animations)</line>"
    }

    /// The head circle, animated through every pose.
    private static func head(figures: [Figure], prefix: String, timing: AnimationTiming) -> String {
        guard let first = figures.first else { return "" }
        let animations = animate("cx", figures.map(\.head.x), timing) + animate("cy", figures.map(\.head.y), timing)
        return "<circle id=\"\(prefix)-head\" cx=\"\(number(first.head.x))\" cy=\"\(number(first.head.y))\" "
            + "r=\"\(number(headRadius))\" fill=\"#ffffff\" stroke=\"\(bodyColour)\" stroke-width=\"4\">"
            + "\(animations)</circle>"
    }

    /// An ice pack resting on the exercising knee.
    private static func icePack(figures: [Figure], prefix: String, timing: AnimationTiming) -> String {
        let corners = figures.map { Point(x: $0.knee.x - 12, y: $0.knee.y - 16) }
        guard let first = corners.first else { return "" }
        let animations = animate("x", corners.map(\.x), timing) + animate("y", corners.map(\.y), timing)
        return "<rect id=\"\(prefix)-ice-pack\" x=\"\(number(first.x))\" y=\"\(number(first.y))\" width=\"24\" "
            + "height=\"11\" rx=\"3\" fill=\"#cfe3f5\" stroke=\"\(exercisingColour)\" stroke-width=\"2\">"
            + "\(animations)</rect>"
    }

    /// An `<animate>` element holding each value, then moving to the next and back to the first; empty when the
    /// value never changes.
    private static func animate(_ attribute: String, _ values: [Double], _ timing: AnimationTiming) -> String {
        let texts = values.map(number)
        guard let first = texts.first, Set(texts).count > 1 else { return "" }
        let sequence = texts.flatMap { [$0, $0] } + [first]
        return "<animate attributeName=\"\(attribute)\" values=\"\(sequence.joined(separator: ";"))\" "
            + "\(timing.attributes)/>"
    }

    /// A number with at most one decimal, without a locale, never "-0".
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        if tenths.truncatingRemainder(dividingBy: 10) == 0, abs(tenths) < 1e15 { return String(Int(tenths / 10)) }
        return String(format: "%.1f", tenths / 10)
    }

    /// An id fragment made of ASCII letters, digits and hyphens.
    static func sanitizedID(_ raw: String) -> String { SVGText.identifier(raw, fallback: "exercise") }

    /// Text made safe for XML content and attribute values.
    static func escape(_ text: String) -> String { SVGText.escape(text) }

    // MARK: - Geometry

    /// A direction or offset in the 3-D world frame: x to the right, y up, z toward the viewer.
    struct Vector {
        /// Rightward component.
        var x: Double
        /// Upward component.
        var y: Double
        /// Component toward the viewer.
        var z: Double

        /// Sum of two vectors.
        static func + (lhs: Vector, rhs: Vector) -> Vector {
            Vector(x: lhs.x + rhs.x, y: lhs.y + rhs.y, z: lhs.z + rhs.z)
        }

        /// A vector scaled.
        static func * (lhs: Vector, rhs: Double) -> Vector { Vector(x: lhs.x * rhs, y: lhs.y * rhs, z: lhs.z * rhs) }

        /// The vector pointing the other way.
        static prefix func - (vector: Vector) -> Vector { vector * -1 }

        /// Where the vector lands on the picture, as an offset in SVG units.
        func projected(depthShift: Double) -> (dx: Double, dy: Double) { (x, -y + z * depthShift) }
    }

    /// The body's axes in the world frame for a posture and view.
    struct BodyFrame {
        /// Toward the head.
        var superior: Vector
        /// Toward the front of the body.
        var anterior: Vector
        /// Toward the outside of the exercising leg.
        var lateral: Vector

        /// The frame for a pose; `mirrored` puts the exercising leg on the left of a front view.
        init(posture: String, view: String, mirrored: Bool) {
            let right = Vector(x: 1, y: 0, z: 0), up = Vector(x: 0, y: 1, z: 0), near = Vector(x: 0, y: 0, z: 1)
            switch posture {
            case "lying-on-back":
                (superior, anterior, lateral) = (-right, up, near)
            case "lying-on-side":
                (superior, anterior, lateral) = (-right, near, up)
            default:
                if view == "front" {
                    (superior, anterior, lateral) = (up, near, mirrored ? -right : right)
                } else {
                    (superior, anterior, lateral) = (up, right, near)
                }
            }
        }
    }

    /// Degrees to radians.
    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    /// Thigh and shank directions (unit vectors) of a leg whose outward side is `outward`.
    static func legDirections(
        hip: Double, knee: Double, outward: Vector, frame: BodyFrame, posture: String, view: String
    ) -> (thigh: Vector, shank: Vector) {
        let (h, k) = (radians(hip), radians(knee))
        if view != "front" {
            let thigh = -frame.superior * cos(h) + frame.anterior * sin(h)
            let shank = -frame.superior * cos(h - k) + frame.anterior * sin(h - k)
            return (thigh, shank)
        }
        if posture == "sitting" {
            let thigh = frame.anterior * cos(h) + outward * sin(h)
            return (thigh, thigh * cos(k) + -frame.superior * sin(k))
        }
        let thigh = -frame.superior * cos(h) + outward * sin(h)
        return (thigh, thigh * cos(k) + -frame.anterior * sin(k))
    }

    /// Where each pose is drawn, and the props around the figure.
    struct Layout {
        /// The exercise's id, which decides the props.
        let id: String
        /// The poses, never empty.
        let poses: [Pose]
        /// Whether the exercising leg is drawn on the left of a front view.
        let mirrored: Bool
        /// Whether the figure sits on a chair (every pose sitting, with a foot hanging down).
        let hasChair: Bool
        /// Seat height above the floor when there is a chair.
        let seatDrop: Double
        /// The step box's rectangle (x, y of its top, width), when the exercise is a step-up.
        let step: (x: Double, top: Double, width: Double)?
        /// The figure in each pose.
        let figures: [Figure]

        /// Lays out every pose of an exercise.
        init(exercise: Exercise, poses: [Pose], side: Side?) {
            id = exercise.id.rawValue
            self.poses = poses
            let mirror = side == .right
            mirrored = mirror
            let relative = poses.map { Layout.relativeFigure($0, mirrored: mirror) }
            hasChair =
                poses.allSatisfy { $0.posture == "sitting" } && poses.contains { max($0.knee, $0.otherKnee) >= 45 }
            let lowestFoot = relative.map { max($0.foot.y, $0.otherFoot.y) }.max() ?? 0
            seatDrop = max(ExerciseIllustration.shankLength + 4, lowestFoot + 3)
            var step: (x: Double, top: Double, width: Double)?
            var figures: [Figure] = []
            for (pose, figure) in zip(poses, relative) {
                switch pose.posture {
                case "lying-on-back", "lying-on-side":
                    figures.append(Layout.lying(figure, onBack: pose.posture == "lying-on-back"))
                case "sitting":
                    let onFloor = max(8, max(figure.foot.y, figure.otherFoot.y) + 3)
                    let pelvisY = ExerciseIllustration.floorY - (hasChair ? seatDrop : onFloor)
                    figures.append(figure.moved(ExerciseIllustration.uprightX - 20, pelvisY))
                default:
                    let drop = max(figure.foot.y, figure.otherFoot.y) + 3
                    let placed = figure.moved(ExerciseIllustration.uprightX, ExerciseIllustration.floorY - drop)
                    figures.append(placed)
                }
            }
            if exercise.id.rawValue.contains("step-up") {
                (step, figures) = Layout.onStep(figures: figures, poses: poses)
            }
            self.step = step
            self.figures = figures
        }

        /// The figure with its pelvis at (0, 0).
        static func relativeFigure(_ pose: Pose, mirrored: Bool) -> Figure {
            let frame = BodyFrame(posture: pose.posture, view: pose.view, mirrored: mirrored)
            let upright = pose.posture == "standing" || pose.posture == "sitting"
            let t = radians(pose.trunk)
            let trunk = upright ? frame.superior * cos(t) + frame.anterior * sin(t) : frame.superior
            let forward = upright ? frame.anterior * cos(t) + -frame.superior * sin(t) : frame.anterior
            // In a side view the hip angle is measured from the trunk, so a forward lean tilts the pelvis and legs.
            let lean = upright && pose.view != "front" ? pose.trunk : 0
            let legs = (
                legDirections(
                    hip: pose.hip - lean, knee: pose.knee, outward: frame.lateral, frame: frame, posture: pose.posture,
                    view: pose.view),
                legDirections(
                    hip: pose.otherHip - lean, knee: pose.otherKnee, outward: -frame.lateral, frame: frame,
                    posture: pose.posture, view: pose.view)
            )
            let front = pose.view == "front"
            let sway = radians(front ? 18 : 22)
            let arm = -trunk * cos(sway) + (front ? frame.lateral : forward) * sin(sway)
            let otherSway = front ? sway : sway / 3
            let otherArm = -trunk * cos(otherSway) + (front ? -frame.lateral : forward) * sin(otherSway)
            /// The picture offset of a vector from the pelvis.
            func at(_ vector: Vector) -> Point {
                // Seen from the front, legs stretched out on the floor toward the viewer lie along the floor line.
                let shift = front && pose.posture == "sitting" ? 0.05 : depthShift
                let (dx, dy) = vector.projected(depthShift: shift)
                return Point(x: dx, y: dy)
            }
            let hipVector = frame.lateral * pelvisHalfWidth, otherHipVector = -frame.lateral * pelvisHalfWidth
            let kneeVector = hipVector + legs.0.thigh * thighLength
            let otherKneeVector = otherHipVector + legs.1.thigh * thighLength
            let neckVector = trunk * trunkLength
            return Figure(
                pelvis: Point(x: 0, y: 0), neck: at(neckVector), head: at(trunk * (trunkLength + headRadius + 3)),
                hand: at(neckVector + arm * armLength), otherHand: at(neckVector + otherArm * armLength),
                hip: at(hipVector), knee: at(kneeVector), foot: at(kneeVector + legs.0.shank * shankLength),
                otherHip: at(otherHipVector), otherKnee: at(otherKneeVector),
                otherFoot: at(otherKneeVector + legs.1.shank * shankLength))
        }

        /// A lying figure placed on the floor: the pelvis rests on it unless the legs push it up, in which case
        /// the shoulders stay down and the trunk slopes (as in a bridge).
        static func lying(_ figure: Figure, onBack: Bool) -> Figure {
            let floor = ExerciseIllustration.floorY
            let rest = floor - (onBack ? 8 : 15)
            let lowest =
                [figure.hip, figure.knee, figure.foot, figure.otherHip, figure.otherKnee, figure.otherFoot]
                .map(\.y).max() ?? 0
            let lift = max(0, rest + lowest - (floor - 3))
            var placed = figure.moved(ExerciseIllustration.lyingX, rest - lift)
            guard onBack else {
                placed.hand = placed.neck.moved(armLength - 6, -7)
                placed.otherHand = placed.neck.moved(-armLength * 0.5, 5)
                return placed
            }
            let rise = min(lift, 0.9 * trunkLength)
            let neck = Point(x: placed.pelvis.x - (trunkLength * trunkLength - rise * rise).squareRoot(), y: rest)
            placed.neck = neck
            placed.head = Point(x: neck.x - headRadius - 2, y: floor - headRadius - 2)
            placed.hand = Point(x: neck.x + armLength - 4, y: floor - 4)
            placed.otherHand = Point(x: neck.x + armLength - 8, y: floor - 5)
            return placed
        }

        /// Puts a step under the exercising foot of the first pose; in poses where that foot is not higher than
        /// the other, the figure stands on top of the step.
        static func onStep(
            figures: [Figure], poses: [Pose]
        ) -> ((x: Double, top: Double, width: Double), [Figure]) {
            let floor = ExerciseIllustration.floorY
            guard let first = figures.first else { return ((0, floor - 20, 70), figures) }
            let raised = floor - 3 - first.foot.y
            let height = raised >= 10 ? raised : 20
            let step = (x: first.foot.x - 25, top: floor - height, width: 80.0)
            let moved = figures.map { figure -> Figure in
                guard figure.foot.y >= figure.otherFoot.y - 0.5 else { return figure }
                return figure.moved(step.x + 40 - figure.pelvis.x, -height)
            }
            return (step, moved)
        }

        /// Floor, and the wall, chair, step or towel the exercise needs; none of them move.
        func staticProps() -> [String] {
            var props: [String] = []
            let floor = ExerciseIllustration.floorY
            let prop = ExerciseIllustration.propColour
            let n = ExerciseIllustration.number
            if id.contains("wall") {
                let back = figures.flatMap { [$0.pelvis.x, $0.neck.x, $0.head.x - headRadius] }.min() ?? 0
                let x = back - 8
                props.append(
                    "<line x1=\"\(n(x))\" y1=\"\(n(floor))\" x2=\"\(n(x))\" y2=\"\(n(floor - 200))\" "
                        + "stroke=\"\(prop)\" stroke-width=\"6\"/>")
            }
            if hasChair, let first = figures.first {
                let seat = first.pelvis.y + 7, back = first.pelvis.x - 24, front = first.pelvis.x + 16
                props.append(
                    "<path d=\"M\(n(back)) \(n(seat - 60))V\(n(floor))M\(n(back)) \(n(seat))H\(n(front))"
                        + "V\(n(floor))\" fill=\"none\" stroke=\"\(prop)\" stroke-width=\"5\" "
                        + "stroke-linejoin=\"round\"/>")
            }
            if let step {
                props.append(
                    "<rect x=\"\(n(step.x))\" y=\"\(n(step.top))\" width=\"\(n(step.width))\" "
                        + "height=\"\(n(floor - step.top))\" fill=\"#e6e6e6\" stroke=\"\(prop)\" stroke-width=\"3\"/>")
            }
            if id.contains("quad-set"), let first = figures.first {
                let radius = max(5, (floor - first.knee.y) / 2)
                props.append(
                    "<circle cx=\"\(n(first.knee.x))\" cy=\"\(n(floor - radius))\" r=\"\(n(radius))\" "
                        + "fill=\"#e6e6e6\" stroke=\"\(prop)\" stroke-width=\"3\"/>")
            }
            let box = bounds(including: figures)
            props.insert(
                "<line x1=\"\(n(box.minX))\" y1=\"\(n(floor))\" x2=\"\(n(box.maxX))\" y2=\"\(n(floor))\" "
                    + "stroke=\"\(prop)\" stroke-width=\"3\"/>", at: 0)
            return props
        }

        /// The picture's extent: at least 320 × 240, grown to hold every pose and prop with a margin.
        func bounds(including figures: [Figure]) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
            var points = figures.flatMap(\.all)
            points += figures.flatMap { figure in
                [figure.head.moved(-headRadius, -headRadius), figure.head.moved(headRadius, headRadius)]
            }
            if let step { points += [Point(x: step.x, y: step.top), Point(x: step.x + step.width, y: step.top)] }
            let xs = points.map(\.x), ys = points.map(\.y)
            let minX = min(0, (xs.min() ?? 0) - 20), maxX = max(320, (xs.max() ?? 0) + 20)
            let minY = min(0, (ys.min() ?? 0) - 20), maxY = max(240, (ys.max() ?? 0) + 20)
            return (minX, minY, maxX, maxY)
        }
    }
}
