import Foundation
import PropertyBased
import RehabChildProcess
import Testing

@testable import RehabQR

/// The encoder against the standard's tables and worked examples, and its symbols read back by an outside decoder.
struct QRCodeTests {
    @Test func capacitiesAreTheStandardsByteModeCapacitiesAtLevelM() {
        #expect(QRCode.capacities == [14, 26, 42, 62, 84, 106, 122, 152, 180, 213])
    }

    @Test func theSmallestVersionThatHoldsTheTextIsChosen() throws {
        for (index, capacity) in QRCode.capacities.enumerated() {
            #expect(try QRCode(String(repeating: "a", count: capacity)).version == index + 1)
            if index + 1 < QRCode.highestVersion {
                #expect(try QRCode(String(repeating: "a", count: capacity + 1)).version == index + 2)
            }
        }
        #expect(try QRCode("").version == 1)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 214, maximum: 213)) {
            try QRCode(String(repeating: "a", count: 214))
        }
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 214, maximum: 213)) {
            try QRCode(String(repeating: "ñ", count: 107))
        }
    }

    /// The worked example for "HELLO WORLD" at 1-M: its sixteen data codewords and their ten correction codewords.
    @Test func reedSolomonMatchesTheWorkedExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let correction = ReedSolomon.remainder(of: data, dividedBy: ReedSolomon.generator(degree: 10))
        #expect(correction == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func blocksFollowTheStandardsTable() {
        let v5 = ErrorCorrection(version: 5)
        #expect(v5.totalCodewords == 134)
        #expect(v5.dataBlockLengths == [43, 43])
        let v9 = ErrorCorrection(version: 9)
        #expect(v9.totalCodewords == 292)
        #expect(v9.dataBlockLengths == [36, 36, 36, 37, 37])
        #expect(Layout.alignmentCentres(version: 7) == [6, 22, 38])
        #expect(Layout.alignmentCentres(version: 10) == [6, 28, 50])
    }

    /// Level M's fifteen format bits for each mask, as the standard lists them, and version 7's eighteen bits.
    @Test func formatAndVersionBitsAreTheStandards() {
        let table = [
            0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
            0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000,
        ]
        #expect((0..<8).map(Layout.formatBits(mask:)) == table)
        #expect(Layout.versionBits(7) == 0x07C94)
    }

    /// Any text up to the largest capacity: the smallest version that holds it, finders in three corners, the
    /// timing rows alternating.
    @Test func everySymbolHasItsFixedPatterns() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...213)) { length in
            let code = try QRCode(String(repeating: "k", count: length))
            #expect(QRCode.capacities[code.version - 1] >= length)
            if code.version > 1 { #expect(QRCode.capacities[code.version - 2] < length) }
            #expect(code.size == 17 + 4 * code.version)
            for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
                for y in 0..<7 {
                    for x in 0..<7 {
                        let ring = max(abs(x - 3), abs(y - 3))
                        #expect(code[left + x, top + y] == (ring != 2))
                    }
                }
            }
            for index in 8..<(code.size - 8) {
                #expect(code[index, 6] == (index % 2 == 0))
                #expect(code[6, index] == (index % 2 == 0))
            }
        }
    }

    @Test func theSVGDrawsEveryDarkModuleOnceInsideItsQuietZone() throws {
        let code = try QRCode("otpauth://totp/KneeRehab:ana%40clinic.test?secret=JBSWY3DPEHPK3PXP&issuer=KneeRehab")
        let svg = code.svg()
        let side = code.size + 2 * QRCode.quietZone
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains(#"viewBox="0 0 \#(side) \#(side)""#))
        #expect(svg.contains(#"aria-hidden="true""#), "the page names the picture around it")
        let runs = svg.split(separator: "M").dropFirst().map { run in
            run.split(separator: "h")[1].split(separator: "v")[0]
        }
        let drawn = runs.compactMap { Int($0) }.reduce(0, +)
        let dark = (0..<code.size).flatMap { y in (0..<code.size).map { x in code[x, y] } }.filter { $0 }.count
        #expect(drawn == dark)
        // Each run starts on a dark module, inside the quiet zone's margin, and ends within the symbol.
        for run in svg.split(separator: "M").dropFirst() {
            let numbers = run.split(whereSeparator: { "hvz ".contains($0) }).compactMap { Int($0) }
            let (x, y, length) = (numbers[0] - QRCode.quietZone, numbers[1] - QRCode.quietZone, numbers[2])
            #expect((0..<code.size).contains(x) && (0..<code.size).contains(y) && x + length <= code.size)
            #expect((x..<x + length).allSatisfy { code[$0, y] }, "a run covers dark modules only")
        }
    }

    static let scalar = Gen.frequency(
        (4, Gen.unicodeScalar(in: " "..."~")),
        (1, Gen.unicodeScalar(in: "\u{A0}"..."\u{D7FF}")),
        (1, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}"))
    )

    /// Symbols of every version, an enrolment address, text beyond ASCII and random texts, all read back by PyPI
    /// `zxing-cpp` as the same bytes at level M.
    @Test(.enabled(if: QRDecoder.python != nil, QRDecoder.skipReason))
    func anOutsideDecoderReadsBackEveryText() async throws {
        var texts = QRCode.capacities.map { String(repeating: "x", count: $0) }
        texts += [
            "", "otpauth://totp/KneeRehab:ana%40clinic.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KneeRehab",
            "Rodilla: ejercicios para la próxima sesión ✓ 😀",
        ]
        var generated: [String] = []
        await propertyCheck(count: 60, input: Self.scalar.array(of: 0...60)) { scalars in
            generated.append(String(String.UnicodeScalarView(scalars)))
        }
        texts += generated
        let codes = try texts.map(QRCode.init)
        #expect(Set(codes.map(\.version)) == Set(1...QRCode.highestVersion))
        let decoded = try await QRDecoder.decode(codes)
        #expect(decoded.count == texts.count)
        for (text, result) in zip(texts, decoded) {
            #expect(result.bytes == Data(text.utf8).map { String(format: "%02x", $0) }.joined(), "\(text)")
            // zxing-cpp reports no level for an empty symbol.
            if !text.isEmpty { #expect(result.ecLevel == "M", "\(text)") }
        }
    }
}

/// Runs `tools/interop/decode_qr.py` (PyPI `zxing-cpp`) with the Python named by `KNEEREHAB_TEST_INTEROP_PYTHON`.
enum QRDecoder {
    static let python: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"]
        .flatMap { $0.isEmpty ? nil : $0 }
    static let skipReason: Comment = """
        set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with PyPI zxing-cpp (tools/interop/requirements.txt) \
        to read the symbols back
        """
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/interop/decode_qr.py")

    struct Result: Decodable {
        let bytes: String?
        let ecLevel: String?
    }

    /// Each symbol's decoded bytes (hex) and error correction level, in order.
    static func decode(_ codes: [QRCode]) async throws -> [Result] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-qr-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (number, code) in codes.enumerated() {
            let rows = (0..<code.size).map { y in (0..<code.size).map { x in code[x, y] ? "1" : "0" }.joined() }
            let file = folder.appendingPathComponent("\(number).txt")
            try Data(rows.joined(separator: "\n").utf8).write(to: file)
            files.append(file.path)
        }
        let outcome = try await ChildProcess.run(try #require(python), [script.path] + files)
        #expect(outcome.exitStatus == 0, "\(outcome.output)")
        return try outcome.output.split(separator: "\n").map {
            try JSONDecoder().decode(Result.self, from: Data($0.utf8))
        }
    }
}
