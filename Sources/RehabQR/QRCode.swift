/// A QR code (ISO/IEC 18004) for a short text, such as the `otpauth://` address an authenticator app reads: the
/// text's UTF-8 bytes in byte mode, error correction level M (about 15 % of the symbol may be lost), the smallest
/// of versions 1 to 10 that holds it (up to 213 bytes), and the mask with the lowest penalty score.
public struct QRCode: Sendable, Equatable {
    /// The version, 1 to 10; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// The modules across (and down).
    public let size: Int
    /// The mask pattern chosen, 0 to 7.
    public let mask: Int
    private var dark: [Bool]

    /// Why a text cannot be encoded.
    public enum EncodingError: Error, Equatable {
        /// The text's UTF-8 bytes are more than the largest supported version holds.
        case tooLong(bytes: Int, maximum: Int)
    }

    /// The most bytes each version holds at level M, in byte mode (version 1 first).
    public static let capacities: [Int] = (1...highestVersion).map(capacity(of:))
    /// The largest version encoded.
    public static let highestVersion = 10

    /// Encodes `text`; throws `EncodingError.tooLong` when its UTF-8 bytes do not fit version 10.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...Self.highestVersion).first(where: { Self.capacity(of: $0) >= bytes.count }) else {
            throw EncodingError.tooLong(bytes: bytes.count, maximum: Self.capacity(of: Self.highestVersion))
        }
        self.version = version
        size = 17 + 4 * version
        var layout = Layout(version: version)
        layout.place(Self.codewords(for: bytes, version: version))
        var best: (mask: Int, penalty: Int)?
        for mask in 0..<8 {
            var trial = layout
            trial.apply(mask: mask)
            let penalty = trial.penalty
            if best.map({ penalty < $0.penalty }) ?? true { best = (mask, penalty) }
        }
        mask = best?.mask ?? 0
        layout.apply(mask: mask)
        dark = layout.dark
    }

    /// Whether the module in column `x` and row `y` (from the top left, both from 0) is dark.
    public subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

    /// The bytes a version holds: its data codewords less the 4-bit mode and the character count.
    static func capacity(of version: Int) -> Int {
        let countBits = version < 10 ? 8 : 16
        return (ErrorCorrection(version: version).dataCodewords * 8 - 4 - countBits) / 8
    }

    /// The data bits (mode, count, bytes, terminator, padding) cut into blocks, each followed by its Reed–Solomon
    /// codewords, interleaved as the standard lays them out.
    static func codewords(for bytes: [UInt8], version: Int) -> [UInt8] {
        let correction = ErrorCorrection(version: version)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = correction.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var padding: UInt8 = 0xEC
        while data.count < correction.dataCodewords {
            data.append(padding)
            padding = padding == 0xEC ? 0x11 : 0xEC
        }

        var blocks: [[UInt8]] = []
        var start = 0
        for length in correction.dataBlockLengths {
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let divisor = ReedSolomon.generator(degree: correction.codewordsPerBlock)
        let remainders = blocks.map { ReedSolomon.remainder(of: $0, dividedBy: divisor) }
        var result: [UInt8] = []
        for index in 0..<(blocks.map(\.count).max() ?? 0) {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<correction.codewordsPerBlock {
            for remainder in remainders { result.append(remainder[index]) }
        }
        return result
    }
}

/// Level M's error correction for one version: how many blocks, and how many correction codewords each carries.
struct ErrorCorrection {
    /// The error correction codewords in each block, versions 1 to 10.
    private static let perBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    /// The blocks, versions 1 to 10.
    private static let blockCounts = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    let codewordsPerBlock: Int
    let blocks: Int
    /// All codewords the symbol holds, data and correction.
    let totalCodewords: Int

    init(version: Int) {
        codewordsPerBlock = Self.perBlock[version - 1]
        blocks = Self.blockCounts[version - 1]
        totalCodewords = Layout.dataModules(version: version) / 8
    }

    /// The data codewords.
    var dataCodewords: Int { totalCodewords - codewordsPerBlock * blocks }

    /// Each block's data codewords: the shorter blocks first, the longer ones one codeword more.
    var dataBlockLengths: [Int] {
        let short = dataCodewords / blocks
        let longer = dataCodewords % blocks
        return Array(repeating: short, count: blocks - longer) + Array(repeating: short + 1, count: longer)
    }
}

/// Arithmetic in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1, and the correction codewords QR codes use.
enum ReedSolomon {
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var product: UInt8 = 0
        var a = a
        var b = b
        while b != 0 {
            if b & 1 != 0 { product ^= a }
            a = (a << 1) ^ (a & 0x80 != 0 ? 0x1D : 0)
            b >>= 1
        }
        return product
    }

    /// The coefficients of (x − α⁰)(x − α¹)…(x − α^(degree−1)) after the leading 1, highest power first.
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        var root: UInt8 = 1
        for _ in 0..<degree {
            var next = polynomial + [0]
            for (index, coefficient) in polynomial.enumerated() { next[index + 1] ^= multiply(coefficient, root) }
            polynomial = next
            root = multiply(root, 2)
        }
        return Array(polynomial.dropFirst())
    }

    /// The remainder of `data` × x^degree divided by the generator: the block's correction codewords.
    static func remainder(of data: [UInt8], dividedBy generator: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in generator.indices { remainder[index] ^= multiply(generator[index], factor) }
        }
        return remainder
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    /// The bits as bytes; the count must be a multiple of 8.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { ($0 << 1) | ($1 ? 1 : 0) }
        }
    }
}
