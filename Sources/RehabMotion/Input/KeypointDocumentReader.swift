import Foundation

/// Reads the JSON keypoint document (docs/motion.md, "Input") into a `KeypointDocument`.
///
/// Parsing is strict about types and names the exact field at fault (`frames[12].keypoints[3][1]`), because a
/// large file with one bad value must be fixable by its owner; it never traps.
public enum KeypointDocumentReader {
    /// Parses a document.
    ///
    /// Accepts one person per frame (`keypoints`) or several (`people`, each an object with `keypoints` or a bare
    /// joint array), `null` frames and joints, and string or numeric layouts.
    public static func read(_ data: Data) throws -> KeypointDocument {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw MotionError(.malformed, field: "KEYPOINTS", problem: "is not valid JSON (truncated or damaged file?)")
        }
        guard let object = root as? [String: Any] else {
            throw MotionError(.malformed, field: "KEYPOINTS", problem: "must be a JSON object with a frames array")
        }
        let layout = try readLayout(object["layout"])
        let fps = try optionalNumber(object["fps"], field: "fps")
        if let fps, fps <= 0 { throw MotionError(.invalidValue, field: "fps", problem: "must be positive") }
        let image = try readImage(object["image"])
        let mirrored = (object["mirrored"] as? Bool) ?? false
        guard let rawFrames = object["frames"] as? [Any] else {
            throw MotionError(.malformed, field: "frames", problem: "is missing or not an array")
        }
        var frames: [RawFrame?] = []
        frames.reserveCapacity(rawFrames.count)
        for (index, value) in rawFrames.enumerated() {
            frames.append(try readFrame(value, field: "frames[\(index)]"))
        }
        return KeypointDocument(layout: layout, fps: fps, image: image, mirrored: mirrored, frames: frames)
    }

    /// Parses a layout name; absent or `auto` means detect.
    ///
    /// Public so the `--layout` option is checked with the same words as the document's field.
    public static func readLayout(_ value: Any?) throws -> KeypointLayout? {
        guard let value, !(value is NSNull) else { return nil }
        guard let name = value as? String else {
            throw MotionError(.layout, field: "layout", problem: "must be a string")
        }
        if name == "auto" { return nil }
        guard let layout = KeypointLayout(rawValue: name) else {
            let known = KeypointLayout.allCases.map(\.rawValue).joined(separator: ", ")
            throw MotionError(.layout, field: "layout", problem: "unknown layout '\(name)'; expected one of \(known)")
        }
        return layout
    }

    private static func readImage(_ value: Any?) throws -> ImageSize? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            throw MotionError(.invalidValue, field: "image", problem: "must be an object with width and height")
        }
        guard let width = try optionalNumber(object["width"], field: "image.width"), width > 0 else {
            throw MotionError(.invalidValue, field: "image.width", problem: "must be a positive number")
        }
        guard let height = try optionalNumber(object["height"], field: "image.height"), height > 0 else {
            throw MotionError(.invalidValue, field: "image.height", problem: "must be a positive number")
        }
        return ImageSize(width: width, height: height)
    }

    private static func readFrame(_ value: Any, field: String) throws -> RawFrame? {
        if value is NSNull { return nil }
        guard let object = value as? [String: Any] else {
            throw MotionError(.invalidValue, field: field, problem: "must be an object or null")
        }
        let time = try optionalNumber(object["t"], field: "\(field).t")
        if let people = object["people"] as? [Any] {
            var persons: [RawPerson] = []
            for (index, person) in people.enumerated() {
                let personField = "\(field).people[\(index)]"
                if let dictionary = person as? [String: Any] {
                    persons.append(try readPerson(dictionary["keypoints"], field: "\(personField).keypoints"))
                } else {
                    persons.append(try readPerson(person, field: personField))
                }
            }
            return RawFrame(time: time, people: persons)
        }
        let keypoints = object["keypoints"]
        if keypoints == nil || keypoints is NSNull { return RawFrame(time: time, people: []) }
        return RawFrame(time: time, people: [try readPerson(keypoints, field: "\(field).keypoints")])
    }

    private static func readPerson(_ value: Any?, field: String) throws -> RawPerson {
        guard let joints = value as? [Any] else {
            throw MotionError(.invalidValue, field: field, problem: "must be an array of joints")
        }
        var person: RawPerson = []
        person.reserveCapacity(joints.count)
        for (index, joint) in joints.enumerated() {
            person.append(try readJoint(joint, field: "\(field)[\(index)]"))
        }
        return person
    }

    private static func readJoint(_ value: Any, field: String) throws -> RawKeypoint? {
        if value is NSNull { return nil }
        guard let values = value as? [Any], (2...4).contains(values.count) else {
            throw MotionError(.invalidValue, field: field, problem: "must be [x, y], [x, y, c], [x, y, z, c] or null")
        }
        var numbers: [Double] = []
        for (index, element) in values.enumerated() {
            guard let number = try optionalNumber(element, field: "\(field)[\(index)]") else {
                return nil
            }
            numbers.append(number)
        }
        switch numbers.count {
        case 2: return RawKeypoint(x: numbers[0], y: numbers[1])
        case 3: return RawKeypoint(x: numbers[0], y: numbers[1], confidence: numbers[2])
        default: return RawKeypoint(x: numbers[0], y: numbers[1], z: numbers[2], confidence: numbers[3])
        }
    }

    /// A finite number, nil for absent/null, or an error naming the field.
    static func optionalNumber(_ value: Any?, field: String) throws -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        if type(of: value) == Bool.self || value is String {
            throw MotionError(.invalidValue, field: field, problem: "must be a finite number")
        }
        guard let number = (value as? NSNumber)?.doubleValue, number.isFinite else {
            throw MotionError(.invalidValue, field: field, problem: "must be a finite number")
        }
        return number
    }
}
