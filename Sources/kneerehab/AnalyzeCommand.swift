import ArgumentParser
import Foundation
import RehabMotion

/// `kneerehab analyze`: motion analysis of one keypoint recording (docs/motion.md), optionally against the other leg.
///
/// Video never enters the system; only keypoints do. The JSON result carries `measurements` in the patient-record
/// shape so a recording can be appended to a record and feed the phase gates (docs/motion.md).
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Motion analysis of one keypoint recording (a JSON document or an OpenPose directory).",
        discussion: """
            Exercises: \(MotionExercise.allCases.map(\.rawValue).joined(separator: ", ")).
            KEYPOINTS is a keypoint JSON document, a directory of OpenPose per-frame files, or - for standard input.
            The JSON result's "measurements" array uses the patient-record shape; --date stamps it (default today).
            """)

    @Argument(help: "Keypoint JSON document, OpenPose directory, or - for standard input.")
    var keypoints: String
    @Option(help: "Exercise id, e.g. wall-squat or single-leg-balance.") var exercise: String
    @Option(help: "left or right: the leg to analyse (default: the leg that moves most; balance: the stance leg).")
    var side: String?
    @Option(help: "auto, blazepose33, coco17, body25 or body25b.") var layout: String = "auto"
    @Option(help: "Frame rate for frames without a time (OpenPose directories; default 30).") var fps: Double?
    @Option(help: "Date stamped on the measurements, YYYY-MM-DD (default: today).") var date: String?
    @Option(help: "The patient's height in cm, to report sway in centimetres.") var heightCm: Double?
    @Option(help: "A recording of the other leg, for a limb symmetry index (this recording is the involved leg).")
    var compare: String?
    @Flag(help: "The video was mirrored (selfie camera): swap left and right.") var mirrored = false
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        guard let exercise = MotionExercise(rawValue: exercise) else {
            let known = MotionExercise.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(
                field: "--exercise", problem: "unknown exercise '\(self.exercise)'; expected one of \(known)")
        }
        let analyzer = MotionAnalyzer(side: try parsedSide(), heightCm: try parsedHeight(), date: try parsedDate())
        let options = RecordingOptions(layout: try parsedLayout(), fps: try parsedFPS(), mirrored: mirrored)
        var result = try analyse(keypoints, argument: "KEYPOINTS", exercise: exercise, analyzer, options)
        if let compare {
            var other = analyzer
            other.side = analyzer.side?.opposite ?? result.side.opposite
            let uninvolved = try analyse(compare, argument: "--compare", exercise: exercise, other, options)
            result.symmetry = LimbSymmetry.compare(involved: result, uninvolved: uninvolved)
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try result.json())
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            print(AnalyzeText.render(result.rounded()), terminator: "")
        }
    }

    private func analyse(
        _ path: String, argument: String, exercise: MotionExercise, _ analyzer: MotionAnalyzer,
        _ options: RecordingOptions
    ) throws -> MotionResult {
        let progress = AnalyzeProgress(enabled: isatty(STDERR_FILENO) == 1)
        do {
            let document = try readDocument(path, argument: argument, options: options, progress: progress)
            progress.stage("tracking \(document.frames.count) frames")
            let recording = try RecordingBuilder.build(document, options: options)
            progress.stage("analysing \(recording.count) samples")
            let result = analyzer.analyze(recording, exercise: exercise)
            progress.done()
            return result
        } catch let error as MotionError {
            progress.done()
            let field = error.field == "KEYPOINTS" ? argument : error.field
            throw InputError(field: field, problem: error.problem)
        }
    }

    private func readDocument(
        _ path: String, argument: String, options: RecordingOptions, progress: AnalyzeProgress
    ) throws -> KeypointDocument {
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            progress.stage("reading OpenPose frames")
            return try OpenPoseDirectoryReader.read(
                directory: URL(fileURLWithPath: path), fps: options.fps ?? 30, layout: options.layout)
        }
        let data = try CommandIO.read(path, argument: argument)
        progress.stage(String(format: "reading %.1f MB", Double(data.count) / 1_000_000))
        return try KeypointDocumentReader.read(data)
    }

    private func parsedSide() throws -> Side? {
        guard let side else { return nil }
        guard let value = Side(rawValue: side) else {
            throw InputError(field: "--side", problem: "must be left or right")
        }
        return value
    }

    private func parsedLayout() throws -> KeypointLayout? {
        do {
            return try KeypointDocumentReader.readLayout(layout)
        } catch let error as MotionError {
            throw InputError(field: "--layout", problem: error.problem)
        }
    }

    private func parsedFPS() throws -> Double? {
        guard let fps else { return nil }
        guard fps.isFinite, fps > 0 else { throw InputError(field: "--fps", problem: "must be a positive number") }
        return fps
    }

    private func parsedHeight() throws -> Double? {
        guard let heightCm else { return nil }
        guard heightCm.isFinite, (50...250).contains(heightCm) else {
            throw InputError(field: "--height-cm", problem: "must be between 50 and 250")
        }
        return heightCm
    }

    private func parsedDate() throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date else { return formatter.string(from: Date()) }
        guard date.count == 10, let parsed = formatter.date(from: date), formatter.string(from: parsed) == date else {
            throw InputError(field: "--date", problem: "must be a date YYYY-MM-DD")
        }
        return date
    }
}

/// Stage messages on standard error, only when it is a terminal, so pipes and JSON consumers see nothing extra.
struct AnalyzeProgress {
    let enabled: Bool

    func stage(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)…".utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The human-readable rendering of a motion result.
enum AnalyzeText {
    static func render(_ r: MotionResult) -> String {
        var lines = [
            "\(r.exercise.rawValue), \(r.side.rawValue) leg: \(r.frames) frames, \(r.durationSeconds) s, \(r.view.rawValue) view"
        ]
        if let reason = r.reason { lines.append("not enough data: \(reason)") }
        if let reps = r.reps {
            lines.append("reps: \(reps)" + (r.partialReps.map { $0 > 0 ? " (+\($0) partial)" : "" } ?? ""))
        }
        if let flexion = r.kneeFlexion { lines.append("knee flexion: \(flexion.min)° to \(flexion.max)°") }
        func add(_ label: String, _ value: Double?, _ unit: String) {
            if let value { lines.append("\(label): \(value)\(unit)") }
        }
        add("depth", r.depthDegrees, "°")
        add("longest hold", r.holdSeconds, " s")
        add("valgus (FPPA) at peak flexion", r.valgusDegrees, "°")
        add("hip drop", r.hipDropDegrees, "°")
        add("trunk lean", r.trunkLeanDegrees, "°")
        add("lift", r.liftDegrees, "°")
        add("knee bend at the top (extensor lag)", r.kneeBendDegrees, "°")
        add("extension reached", r.extensionDegrees, "°")
        if let stance = r.stanceSide { lines.append("stance leg: \(stance.rawValue)") }
        add("balance", r.balanceSeconds, " s")
        if let sway = r.sway {
            lines.append(
                String(
                    format: "sway: path %.3f body heights, %.3f body heights/s, 95%% ellipse %.5f body heights²",
                    sway.normalised.pathBodyHeights, sway.normalised.velocityBodyHeightsPerSecond,
                    sway.normalised.ellipseAreaBodyHeights2))
        }
        add("sway path", r.swayCm, " cm")
        for item in r.lowConfidence { lines.append("low confidence — \(item.measure): \(item.reason)") }
        for note in r.notes { lines.append("note: \(note)") }
        for gap in r.missing { lines.append(String(format: "missing: %.2f–%.2f s", gap.start, gap.end)) }
        for m in r.measurements { lines.append("measurement: \(m.date) \(m.kind) \(m.side.rawValue) \(m.value)") }
        if let symmetry = r.symmetry {
            for m in symmetry.measures {
                let figure = m.lsiPercent.map { "LSI \($0)%" } ?? m.difference.map { "difference \($0)" } ?? ""
                lines.append("symmetry \(m.measure): \(figure)\(m.flagged ? " (flagged)" : "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
