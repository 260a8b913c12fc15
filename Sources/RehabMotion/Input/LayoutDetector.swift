/// Picks the layout of a document whose layout is not declared.
///
/// The joint count settles most cases; BODY_25 and BODY_25B both have 25 joints, so the candidate whose "hips",
/// "knees" and "ankles" make anatomical sense wins: hips much closer to each other than to the ankles, and each
/// knee lying between its hip and ankle (docs/motion-sources.md §1.3 item 2).
public enum LayoutDetector {
    /// The layout for these frames, or an error naming the joint count.
    ///
    /// Looks at up to the first 200 people seen, enough to be stable and cheap on long files.
    public static func detect(_ frames: [RawFrame?]) throws -> KeypointLayout {
        let people = frames.lazy.compactMap { $0 }.flatMap(\.people).prefix(200)
        guard let count = people.first?.count else {
            throw MotionError(.notEnoughData, field: "frames", problem: "no frame holds any person")
        }
        let candidates = KeypointLayout.candidates(jointCount: count)
        guard !candidates.isEmpty else {
            throw MotionError(
                .layout, field: "layout",
                problem: "cannot detect a layout for \(count) joints per frame (expected 33, 17 or 25)")
        }
        if candidates.count == 1 { return candidates[0] }
        let scored = candidates.map { layout in
            (layout, people.map { implausibility(of: $0, as: layout) }.reduce(0, +))
        }
        return scored.min { $0.1 < $1.1 }?.0 ?? candidates[0]
    }

    /// How badly a person fails to look like a skeleton under a layout: 0 is perfect.
    static func implausibility(of person: RawPerson, as layout: KeypointLayout) -> Double {
        func point(_ joint: Joint) -> RawKeypoint? {
            guard let index = layout.index(of: joint), index < person.count else { return nil }
            return person[index]
        }
        func distance(_ a: RawKeypoint, _ b: RawKeypoint) -> Double {
            ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        }
        var score = 0.0
        var legLengths: [Double] = []
        for side in Side.allCases {
            guard let hip = point(.hip(side)), let knee = point(.knee(side)), let ankle = point(.ankle(side)) else {
                score += 1  // a leg the layout cannot find counts against it
                continue
            }
            let direct = max(distance(hip, ankle), 1e-9)
            score += (distance(hip, knee) + distance(knee, ankle)) / direct - 1
            legLengths.append(direct)
        }
        if let left = point(.leftHip), let right = point(.rightHip), let leg = legLengths.max() {
            score += distance(left, right) / leg
        }
        return score
    }
}
