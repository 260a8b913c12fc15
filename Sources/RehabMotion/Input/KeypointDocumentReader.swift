import Foundation

/// Reads the JSON keypoint document (docs/motion.md, "Input") into a `KeypointDocument`.
///
/// Parsing is strict about types and names the exact field at fault (`frames[12].keypoints[3][1]`), because a
/// large file with one bad value must be fixable by its owner; it never traps.
public enum KeypointDocumentReader {
    /// Parses a document.
    ///
    /// Accepts one person per frame (`keypoints`) or several (`people`, each an object with `keypoints` or a bare
    /// joint array), and `null` frames and joints; `layout` is a layout's name, or `auto` or absent to detect it.
    /// World landmarks (`world`, one `[x, y, z]` or `null` per joint) may stand beside any `keypoints`.
    ///
    /// Decoded with `JSONDecoder` straight into the compact values below: a file of several megabytes never
    /// becomes a tree of Foundation objects, which took about 35 times the file's size.
    public static func read(_ data: Data) throws -> KeypointDocument {
        let body: DocumentBody
        do {
            body = try JSONDecoder().decode(DocumentBody.self, from: data)
        } catch let error as MotionError {
            throw error
        } catch let error as DecodingError {
            throw Self.motionError(error)
        } catch {
            throw MotionError(.malformed, field: "KEYPOINTS", problem: "is not valid JSON (truncated or damaged file?)")
        }
        if let fps = body.fps, fps <= 0 { throw MotionError(.invalidValue, field: "fps", problem: "must be positive") }
        return KeypointDocument(
            layout: body.layout, fps: body.fps, image: body.image, mirrored: body.mirrored,
            frames: body.frames.map { $0?.frame })
    }

    /// A decoding failure as a `MotionError` naming the field by its path, e.g. `frames[12].keypoints[3][1]`.
    private static func motionError(_ error: DecodingError) -> MotionError {
        let keys: [any CodingKey]
        var expected: Any.Type?
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            keys = context.codingPath
            expected = type
        case .dataCorrupted(let context):
            keys = context.codingPath
        case .keyNotFound(let key, let context):
            keys = context.codingPath + [key]
        @unknown default:
            keys = []
        }
        let at = field(keys)
        switch at {
        case "" where expected == nil:
            return MotionError(
                .malformed, field: "KEYPOINTS", problem: "is not valid JSON (truncated or damaged file?)")
        case "":
            return MotionError(.malformed, field: "KEYPOINTS", problem: "must be a JSON object with a frames array")
        case "frames":
            return MotionError(.malformed, field: "frames", problem: "is missing or not an array")
        default:
            let number = expected == nil || expected == Double.self
            return MotionError(
                .invalidValue, field: at, problem: number ? "must be a finite number" : "has the wrong type")
        }
    }

    /// A coding path in the document's own words: `frames[0].keypoints[3][1]`.
    static func field(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    // MARK: - The document's shape

    private struct DocumentBody: Decodable {
        let layout: KeypointLayout?
        let fps: Double?
        let image: ImageSize?
        let mirrored: Bool
        let frames: [FrameBody?]

        enum CodingKeys: String, CodingKey { case layout, fps, image, mirrored, frames }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            layout = try KeypointDocumentReader.readLayout(try container.decodeIfPresent(String.self, forKey: .layout))
            fps = try container.decodeIfPresent(Double.self, forKey: .fps)
            image = try container.decodeIfPresent(ImageBody.self, forKey: .image)?.size
            mirrored = (try? container.decodeIfPresent(Bool.self, forKey: .mirrored)) ?? false
            frames = try container.decode([FrameBody?].self, forKey: .frames)
        }
    }

    private struct ImageBody: Decodable {
        let size: ImageSize

        enum CodingKeys: String, CodingKey { case width, height }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let width = try container.decodeIfPresent(Double.self, forKey: .width)
            let height = try container.decodeIfPresent(Double.self, forKey: .height)
            guard let width, width > 0 else {
                throw MotionError(.invalidValue, field: "image.width", problem: "must be a positive number")
            }
            guard let height, height > 0 else {
                throw MotionError(.invalidValue, field: "image.height", problem: "must be a positive number")
            }
            size = ImageSize(width: width, height: height)
        }
    }

    private struct FrameBody: Decodable {
        let frame: RawFrame

        enum CodingKeys: String, CodingKey { case t, people, keypoints, world }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let time = try container.decodeIfPresent(Double.self, forKey: .t)
            let world = try container.decodeIfPresent([WorldBody?].self, forKey: .world)
            let worldField = KeypointDocumentReader.field(decoder.codingPath + [CodingKeys.world])
            if let people = try container.decodeIfPresent([PersonBody].self, forKey: .people) {
                guard world == nil else {
                    throw MotionError(
                        .invalidValue, field: worldField,
                        problem: "goes beside keypoints; with people, give each person its own world")
                }
                frame = RawFrame(time: time, people: people.map(\.joints))
            } else if let joints = try container.decodeIfPresent([JointBody?].self, forKey: .keypoints) {
                let person = try KeypointDocumentReader.attach(
                    world, to: joints.map { $0?.keypoint }, field: worldField)
                frame = RawFrame(time: time, people: [person])
            } else {
                guard world == nil else {
                    throw MotionError(.invalidValue, field: worldField, problem: "needs keypoints beside it")
                }
                frame = RawFrame(time: time, people: [])
            }
        }
    }

    /// A person: an object with `keypoints` (and optionally `world`), or a bare array of joints.
    private struct PersonBody: Decodable {
        let joints: RawPerson

        enum CodingKeys: String, CodingKey { case keypoints, world }

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: CodingKeys.self) {
                let keypoints = try object.decode([JointBody?].self, forKey: .keypoints).map { $0?.keypoint }
                joints = try KeypointDocumentReader.attach(
                    try object.decodeIfPresent([WorldBody?].self, forKey: .world), to: keypoints,
                    field: KeypointDocumentReader.field(decoder.codingPath + [CodingKeys.world]))
            } else {
                joints = try decoder.singleValueContainer().decode([JointBody?].self).map { $0?.keypoint }
            }
        }
    }

    /// A world landmark: `[x, y, z]` in metres; a null number makes the whole entry missing.
    private struct WorldBody: Decodable {
        let point: WorldPoint?

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            guard container.count == 3 else {
                throw MotionError(
                    .invalidValue, field: KeypointDocumentReader.field(decoder.codingPath),
                    problem: "must be [x, y, z] or null")
            }
            var numbers: [Double] = []
            var missing = false
            while !container.isAtEnd {
                if let number = try container.decodeIfPresent(Double.self) {
                    numbers.append(number)
                } else {
                    missing = true
                }
            }
            point = missing ? nil : WorldPoint(x: numbers[0], y: numbers[1], z: numbers[2])
        }
    }

    /// Each world landmark joined to its image keypoint; one entry per joint or a `MotionError` naming `field`.
    ///
    /// A landmark whose image keypoint is null is dropped: a joint the image did not show is missing in both.
    private static func attach(_ world: [WorldBody?]?, to joints: RawPerson, field: String) throws -> RawPerson {
        guard let world else { return joints }
        guard world.count == joints.count else {
            throw MotionError(
                .invalidValue, field: field,
                problem:
                    "has \(world.count) entries but keypoints has \(joints.count); give one [x, y, z] or null per joint"
            )
        }
        var joined = joints
        for index in joined.indices { joined[index]?.world = world[index]?.point }
        return joined
    }

    /// A joint: `[x, y]`, `[x, y, c]` or `[x, y, z, c]`; a null number makes the whole joint missing.
    private struct JointBody: Decodable {
        let keypoint: RawKeypoint?

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            guard let count = container.count, (2...4).contains(count) else {
                throw MotionError(
                    .invalidValue, field: KeypointDocumentReader.field(decoder.codingPath),
                    problem: "must be [x, y], [x, y, z, c], [x, y, c] or null")
            }
            var numbers: [Double] = []
            numbers.reserveCapacity(count)
            var missing = false
            while !container.isAtEnd {
                if let number = try container.decodeIfPresent(Double.self) {
                    numbers.append(number)
                } else {
                    missing = true
                }
            }
            if missing {
                keypoint = nil
                return
            }
            switch numbers.count {
            case 2: keypoint = RawKeypoint(x: numbers[0], y: numbers[1])
            case 3: keypoint = RawKeypoint(x: numbers[0], y: numbers[1], confidence: numbers[2])
            default: keypoint = RawKeypoint(x: numbers[0], y: numbers[1], z: numbers[2], confidence: numbers[3])
            }
        }
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
