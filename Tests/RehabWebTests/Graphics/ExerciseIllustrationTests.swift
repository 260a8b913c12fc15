import Foundation
import RehabCore
import Testing

@testable import RehabWeb

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element, for checking the graphics' markup.
final class GraphicsXMLNode {
    /// The element's name.
    let name: String
    /// Its attributes.
    let attributes: [String: String]
    /// Its child elements, in order.
    var children: [GraphicsXMLNode] = []
    /// The text directly inside it.
    var text = ""

    /// Makes an element with no children yet.
    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and every element inside it, depth first.
    var descendants: [GraphicsXMLNode] { [self] + children.flatMap(\.descendants) }

    /// Every element inside (or equal to) this one with the given name.
    func all(_ name: String) -> [GraphicsXMLNode] { descendants.filter { $0.name == name } }

    /// The element with the given id, if any.
    func element(id: String) -> GraphicsXMLNode? { descendants.first { $0.attributes["id"] == id } }

    /// A numeric attribute.
    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// Parses a document; nil when it is not well-formed XML.
    static func parse(_ text: String) -> GraphicsXMLNode? {
        let builder = GraphicsXMLBuilder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), builder.failed == false else { return nil }
        return builder.root
    }
}

/// Builds a `GraphicsXMLNode` tree from parser events.
final class GraphicsXMLBuilder: NSObject, XMLParserDelegate {
    /// The document element once parsed.
    var root: GraphicsXMLNode?
    /// Whether the parser reported an error.
    var failed = false
    /// Elements open at the moment.
    private var stack: [GraphicsXMLNode] = []

    /// Opens an element.
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let node = GraphicsXMLNode(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    /// Closes an element.
    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        stack.removeLast()
    }

    /// Adds text to the open element.
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    /// Notes a parse error.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { failed = true }
}

/// Builds an exercise from JSON, since `Exercise` has no public memberwise initializer.
func illustrationExercise(id: String, name: String, poses: [String]) throws -> Exercise {
    let json = """
        {"id": "\(id)", "name": \(try jsonString(name)), "category": "strength", "purpose": "p", "steps": [],
         "cues": [], "ladder": [], "restrictions": [], "contraindications": [],
         "poses": [\(poses.joined(separator: ","))]}
        """
    return try JSONDecoder().decode(Exercise.self, from: Data(json.utf8))
}

/// A Swift string as a JSON string literal.
private func jsonString(_ text: String) throws -> String {
    String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
}

/// A pose as JSON.
func illustrationPose(
    _ name: String, _ posture: String = "standing", view: String = "side", hip: Double = 0, knee: Double = 0,
    otherHip: Double = 0, otherKnee: Double = 0, trunk: Double = 0
) -> String {
    "{\"name\": \"\(name)\", \"posture\": \"\(posture)\", \"view\": \"\(view)\", \"hip\": \(hip), \"knee\": \(knee), "
        + "\"otherHip\": \(otherHip), \"otherKnee\": \(otherKnee), \"trunk\": \(trunk)}"
}

/// The value of an animated attribute at key frame `frame` (each pose is held, so pose `p` is frame `2p`).
private func value(_ node: GraphicsXMLNode, _ attribute: String, frame: Int) -> Double? {
    guard let animation = node.children.first(where: { $0.attributes["attributeName"] == attribute }) else {
        return node.number(attribute)
    }
    let values = (animation.attributes["values"] ?? "").split(separator: ";").compactMap { Double($0) }
    return frame < values.count ? values[frame] : nil
}

/// Tests of the exercise illustrations.
struct ExerciseIllustrationTests {
    /// Every bundled exercise gives an accessible, well-formed, style-free SVG with a short animation that rests on
    /// the first pose.
    @Test(arguments: Catalog.bundled.exerciseIDs)
    func bundledExerciseIsWellFormedAndAccessible(id: ExerciseID) throws {
        let exercise = try #require(Catalog.bundled.exercise(id))
        let svg = ExerciseIllustration.svg(for: exercise, highlightSide: .left)
        let root = try #require(GraphicsXMLNode.parse(svg), "not well-formed XML")
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"]?.split(separator: " ").count == 4)
        #expect(!svg.contains("style="))
        #expect(!svg.lowercased().contains("<script"))
        #expect(!svg.contains("href"))
        let labels = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(labels.count == 2)
        let title = try #require(root.element(id: labels[0]))
        #expect(title.name == "title")
        #expect(title.text == exercise.name)
        let desc = try #require(root.element(id: labels[1]))
        #expect(desc.name == "desc")
        for pose in exercise.poses {
            #expect(desc.text.contains(pose.name.replacingOccurrences(of: "-", with: " ")))
        }
        let ids = root.descendants.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("ill-\(id.rawValue)-") })
        let animations = root.all("animate")
        #expect(!animations.isEmpty)
        for animation in animations {
            let seconds = try #require(animation.attributes["dur"].flatMap { Double($0.dropLast()) })
            let repeats = try #require(animation.attributes["repeatCount"].flatMap(Double.init))
            #expect(seconds * repeats < 5)
            #expect(animation.attributes["fill"] == "freeze")
            let values = (animation.attributes["values"] ?? "").split(separator: ";").map(String.init)
            #expect(values.count == 2 * exercise.poses.count + 1)
            #expect(values.first == values.last)
        }
        for node in root.descendants {
            for animation in node.children where animation.name == "animate" {
                let attribute = try #require(animation.attributes["attributeName"])
                let first = animation.attributes["values"]?.split(separator: ";").first.map(String.init)
                #expect(node.attributes[attribute] == first, "the static picture is the first pose")
            }
        }
    }

    /// Two illustrations on one page never share an id.
    @Test func idsAreUniqueAcrossExercises() {
        var seen: [String] = []
        for exercise in Catalog.bundled.exerciseIDs.compactMap(Catalog.bundled.exercise) {
            let svg = ExerciseIllustration.svg(for: exercise, highlightSide: nil)
            seen += GraphicsXMLNode.parse(svg)?.descendants.compactMap { $0.attributes["id"] } ?? []
        }
        #expect(!seen.isEmpty)
        #expect(Set(seen).count == seen.count)
    }

    /// Standing, side view: the knee and ankle land where plain trigonometry puts them (SVG angles, y down).
    @Test func standingKneeBendGeometry() throws {
        let exercise = try illustrationExercise(
            id: "knee-bend", name: "Knee bend",
            poses: [illustrationPose("start", hip: 0, knee: 90), illustrationPose("lift", hip: 30, knee: 90)])
        let root = try #require(GraphicsXMLNode.parse(ExerciseIllustration.svg(for: exercise, highlightSide: nil)))
        let thigh = try #require(root.element(id: "ill-knee-bend-thigh"))
        let shank = try #require(root.element(id: "ill-knee-bend-shank"))
        let thighLength = 50.0, shankLength = 50.0
        for (frame, hipAngle) in [(0, 0.0), (2, 30.0)] {
            let hipX = try #require(value(thigh, "x1", frame: frame))
            let hipY = try #require(value(thigh, "y1", frame: frame))
            let thighAngle = (90 - hipAngle) * .pi / 180
            let shankAngle = thighAngle + .pi / 2
            let kneeX = hipX + thighLength * cos(thighAngle), kneeY = hipY + thighLength * sin(thighAngle)
            let footX = kneeX + shankLength * cos(shankAngle), footY = kneeY + shankLength * sin(shankAngle)
            #expect(abs((value(thigh, "x2", frame: frame) ?? .nan) - kneeX) < 0.15)
            #expect(abs((value(thigh, "y2", frame: frame) ?? .nan) - kneeY) < 0.15)
            #expect(abs((value(shank, "x1", frame: frame) ?? .nan) - kneeX) < 0.15)
            #expect(abs((value(shank, "x2", frame: frame) ?? .nan) - footX) < 0.15)
            #expect(abs((value(shank, "y2", frame: frame) ?? .nan) - footY) < 0.15)
        }
        // Knee 90° with the hip straight: the knee is straight below the hip and the foot one shank behind it.
        #expect(value(thigh, "x2", frame: 0) == value(thigh, "x1", frame: 0))
        #expect(value(shank, "x2", frame: 0).map { $0 + shankLength } == value(thigh, "x2", frame: 0))
    }

    /// Both feet stay on or above the floor line in every pose of every bundled exercise.
    @Test func feetNeverGoBelowTheFloor() {
        for exercise in Catalog.bundled.exerciseIDs.compactMap(Catalog.bundled.exercise) {
            let svg = ExerciseIllustration.svg(for: exercise, highlightSide: nil)
            guard let root = GraphicsXMLNode.parse(svg) else {
                Issue.record("\(exercise.id) is not well-formed")
                continue
            }
            for part in ["shank", "other-shank"] {
                guard let shank = root.element(id: "ill-\(exercise.id.rawValue)-\(part)") else {
                    Issue.record("\(exercise.id) has no \(part)")
                    continue
                }
                for pose in exercise.poses.indices {
                    let y = value(shank, "y2", frame: 2 * pose) ?? .infinity
                    #expect(y <= ExerciseIllustration.floorY, "\(exercise.id) pose \(pose) \(part)")
                }
            }
        }
    }

    /// In a front view the patient faces us: the left leg is on the right of the picture, and a sideways lift moves
    /// it outward.
    @Test func frontViewPutsTheHighlightedLegOnItsSide() throws {
        let exercise = try illustrationExercise(
            id: "side-lift", name: "Side lift",
            poses: [illustrationPose("start", view: "front"), illustrationPose("lift", view: "front", hip: 30)])
        for (side, outward) in [(Side.left, 1.0), (Side.right, -1.0)] {
            let svg = ExerciseIllustration.svg(for: exercise, highlightSide: side)
            let root = try #require(GraphicsXMLNode.parse(svg))
            let thigh = try #require(root.element(id: "ill-side-lift-thigh"))
            let trunk = try #require(root.element(id: "ill-side-lift-trunk"))
            let pelvisX = try #require(trunk.number("x1"))
            #expect(((thigh.number("x1") ?? .nan) - pelvisX) * outward > 0)
            let lifted = try #require(value(thigh, "x2", frame: 2)), hip = try #require(value(thigh, "x1", frame: 2))
            #expect((lifted - hip) * outward > 20)
            #expect(root.element(id: "ill-side-lift-desc")?.text.contains("your \(side.rawValue) leg") == true)
        }
    }

    /// Names and pose names with markup characters are escaped, and ids stay plain.
    @Test func textIsEscaped() throws {
        let exercise = try illustrationExercise(
            id: "odd<id>&", name: "Squat <deep> & \"low\"",
            poses: [illustrationPose("a<b"), illustrationPose("c&d", hip: 20)])
        let svg = ExerciseIllustration.svg(for: exercise, highlightSide: nil)
        #expect(!svg.contains("<deep>"))
        let root = try #require(GraphicsXMLNode.parse(svg))
        #expect(root.all("title").first?.text == "Squat <deep> & \"low\"")
        #expect(root.all("desc").first?.text.contains("a<b") == true)
        let ids = root.descendants.compactMap { $0.attributes["id"] }
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
    }

    /// Many poses still finish within 5 seconds, and a single pose draws without animation.
    @Test func animationLengthIsBounded() throws {
        let many = try illustrationExercise(
            id: "many", name: "Many", poses: (0..<7).map { illustrationPose("p\($0)", hip: Double($0) * 10) })
        let root = try #require(GraphicsXMLNode.parse(ExerciseIllustration.svg(for: many, highlightSide: nil)))
        for animation in root.all("animate") {
            let seconds = Double(animation.attributes["dur"]?.dropLast() ?? "") ?? .infinity
            #expect(seconds * (Double(animation.attributes["repeatCount"] ?? "") ?? .infinity) < 5)
        }
        let single = try illustrationExercise(id: "single", name: "Single", poses: [illustrationPose("rest")])
        let still = try #require(GraphicsXMLNode.parse(ExerciseIllustration.svg(for: single, highlightSide: nil)))
        #expect(still.all("animate").isEmpty)
        #expect(still.all("desc").first?.text.hasPrefix("Shows the rest position") == true)
    }

    /// The props named by the exercise id are drawn.
    @Test func propsFollowTheExercise() throws {
        let wall = try #require(Catalog.bundled.exercise("wall-squat"))
        let step = try #require(Catalog.bundled.exercise("step-up"))
        let wallRoot = try #require(GraphicsXMLNode.parse(ExerciseIllustration.svg(for: wall, highlightSide: nil)))
        let stepRoot = try #require(GraphicsXMLNode.parse(ExerciseIllustration.svg(for: step, highlightSide: nil)))
        // The wall is a vertical line; the step is a rectangle standing on the floor.
        #expect(
            wallRoot.all("line").contains { $0.attributes["x1"] == $0.attributes["x2"] && $0.attributes["id"] == nil })
        let box = try #require(stepRoot.all("rect").first)
        #expect((box.number("y") ?? 0) + (box.number("height") ?? 0) == ExerciseIllustration.floorY)
    }

    /// A page in another language gives the picture its own title (the translated name) and description.
    @Test func aPageInAnotherLanguageDescribesThePictureInItsWords() throws {
        let exercise = try #require(Catalog.bundled.translated(to: .spanish).exercise("wall-squat"))
        let svg = ExerciseIllustration.svg(for: exercise, highlightSide: nil, describedAs: "Un dibujo del ejercicio.")
        let root = try #require(GraphicsXMLNode.parse(svg))
        #expect(root.all("title").first?.text == "Sentadilla contra la pared")
        #expect(root.all("desc").first?.text == "Un dibujo del ejercicio.")
    }
}
