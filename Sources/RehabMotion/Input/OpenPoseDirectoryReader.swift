import Foundation

/// Reads a directory of OpenPose per-frame JSON files (`*_keypoints.json`) into a `KeypointDocument`.
///
/// OpenPose writes one file per frame with every person found (docs/motion-sources.md §1.2); files are taken in name
/// order, which is frame order for OpenPose's zero-padded names, and `0,0,0` marks a missing joint.
public enum OpenPoseDirectoryReader {
    /// Reads every `.json` file of a directory.
    ///
    /// The frame rate cannot be read from OpenPose files, so it is passed in (docs/motion.md: default 30).
    public static func read(directory: URL, fps: Double, layout: KeypointLayout?) throws -> KeypointDocument {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw MotionError(.malformed, field: "KEYPOINTS", problem: "cannot list the directory")
        }
        guard !names.isEmpty else {
            throw MotionError(.notEnoughData, field: "KEYPOINTS", problem: "the directory holds no .json frame files")
        }
        var frames: [RawFrame?] = []
        frames.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw MotionError(.malformed, field: name, problem: "cannot be read")
            }
            frames.append(try readFrame(data, name: name, time: Double(index) / fps))
        }
        return KeypointDocument(layout: layout, fps: fps, image: nil, frames: frames)
    }

    /// Parses one OpenPose frame file.
    ///
    /// Public so the API's upload path can feed files one by one without touching the disk.
    public static func readFrame(_ data: Data, name: String, time: Double) throws -> RawFrame {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw MotionError(.malformed, field: name, problem: "is not valid JSON (truncated or damaged file?)")
        }
        guard let people = object["people"] as? [Any] else {
            throw MotionError(.malformed, field: "\(name): people", problem: "is missing or not an array")
        }
        var persons: [RawPerson] = []
        for (index, person) in people.enumerated() {
            let field = "\(name): people[\(index)].pose_keypoints_2d"
            guard let values = (person as? [String: Any])?["pose_keypoints_2d"] as? [Any], values.count % 3 == 0
            else {
                throw MotionError(.invalidValue, field: field, problem: "must be a flat array of x, y, c triples")
            }
            var joints: RawPerson = []
            for joint in 0..<(values.count / 3) {
                var triple: [Double] = []
                for offset in 0..<3 {
                    let element = values[joint * 3 + offset]
                    guard
                        let number = try KeypointDocumentReader.optionalNumber(
                            element, field: "\(field)[\(joint * 3 + offset)]")
                    else {
                        throw MotionError(.invalidValue, field: "\(field)[\(joint * 3 + offset)]", problem: "is null")
                    }
                    triple.append(number)
                }
                let missing = triple[0] == 0 && triple[1] == 0 && triple[2] == 0
                joints.append(missing ? nil : RawKeypoint(x: triple[0], y: triple[1], confidence: triple[2]))
            }
            persons.append(joints)
        }
        return RawFrame(time: time, people: persons)
    }
}
