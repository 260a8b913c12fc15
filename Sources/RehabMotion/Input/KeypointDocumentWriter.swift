import Foundation

/// Writes a `KeypointDocument` as the JSON keypoint document (docs/motion.md, "Input").
///
/// The inverse of `KeypointDocumentReader`: synthetic recordings become files for fixtures, the numpy peer and
/// command-line tests, with a fixed number of decimals so files stay small and diff cleanly.
public enum KeypointDocumentWriter {
    /// The document as compact JSON; coordinates keep `digits` decimals.
    ///
    /// Joints are written as `[x, y]`, `[x, y, c]` or `[x, y, z, c]` exactly as they are held, and world landmarks as
    /// a `world` array beside the keypoints.
    public static func write(_ document: KeypointDocument, digits: Int = 5) -> Data {
        var out = "{"
        if let layout = document.layout { out += "\"layout\":\"\(layout.rawValue)\"," }
        if let fps = document.fps { out += "\"fps\":\(number(fps, digits))," }
        if let image = document.image {
            out += "\"image\":{\"width\":\(number(image.width, 0)),\"height\":\(number(image.height, 0))},"
        }
        if document.mirrored { out += "\"mirrored\":true," }
        out += "\"frames\":["
        for (index, frame) in document.frames.enumerated() {
            if index > 0 { out += "," }
            guard let frame else {
                out += "null"
                continue
            }
            out += "{"
            if let time = frame.time { out += "\"t\":\(number(time, 6))," }
            if frame.people.count == 1 {
                out += members(frame.people[0], digits)
            } else {
                out += "\"people\":[" + frame.people.map { entry($0, digits) }.joined(separator: ",") + "]"
            }
            out += "}"
        }
        out += "]}"
        return Data(out.utf8)
    }

    /// `"keypoints":[…]`, then `"world":[…]` when any joint carries a world landmark.
    private static func members(_ joints: RawPerson, _ digits: Int) -> String {
        "\"keypoints\":" + person(joints, digits) + (hasWorld(joints) ? ",\"world\":" + world(joints, digits) : "")
    }

    /// One entry of `people`: a bare joint array, or an object when world landmarks come with it.
    private static func entry(_ joints: RawPerson, _ digits: Int) -> String {
        hasWorld(joints) ? "{" + members(joints, digits) + "}" : person(joints, digits)
    }

    private static func hasWorld(_ joints: RawPerson) -> Bool { joints.contains { $0?.world != nil } }

    private static func world(_ joints: RawPerson, _ digits: Int) -> String {
        "["
            + joints.map { joint in
                guard let point = joint?.world else { return "null" }
                return "[" + [point.x, point.y, point.z].map { number($0, digits) }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
    }

    private static func person(_ joints: RawPerson, _ digits: Int) -> String {
        "["
            + joints.map { joint in
                guard let joint else { return "null" }
                var values = [joint.x, joint.y]
                if let z = joint.z { values.append(z) }
                if let confidence = joint.confidence { values.append(confidence) }
                if joint.z != nil, joint.confidence == nil { values.append(1) }
                return "[" + values.map { number($0, digits) }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
    }

    private static func number(_ value: Double, _ digits: Int) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.\(digits)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
