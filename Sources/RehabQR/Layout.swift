/// The modules of one symbol while it is built: the fixed patterns (finders, timing, alignment, format and version
/// information), the codewords in their zigzag, and a mask over the codewords.
struct Layout {
    let version: Int
    let size: Int
    private(set) var dark: [Bool]
    /// Modules that belong to a fixed pattern; codewords and masks leave them alone.
    private var fixed: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        fixed = dark
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(x, y) }
        let centres = Self.alignmentCentres(version: version)
        for (row, y) in centres.enumerated() {
            for (column, x) in centres.enumerated() {
                let last = centres.count - 1
                let nearFinder =
                    (row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0)
                if !nearFinder { drawAlignment(x, y) }
            }
        }
        drawFormat(mask: 0)
        drawVersion()
    }

    /// The modules left for codewords (and remainder bits) in a version.
    static func dataModules(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            modules -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { modules -= 36 }
        }
        return modules
    }

    /// The rows (and columns) of the alignment patterns' centres: 6, then evenly spaced up to `size − 7`.
    static func alignmentCentres(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        let last = 17 + 4 * version - 7
        return [6] + (0..<(count - 1)).reversed().map { last - $0 * step }
    }

    private func index(_ x: Int, _ y: Int) -> Int { y * size + x }

    private mutating func set(_ x: Int, _ y: Int, _ isDark: Bool) {
        dark[index(x, y)] = isDark
        fixed[index(x, y)] = true
    }

    /// A finder centred on (x, y) with its light separator, clipped at the edges.
    private mutating func drawFinder(_ x: Int, _ y: Int) {
        for dy in -4...4 {
            for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                let ring = max(abs(dx), abs(dy))
                set(x + dx, y + dy, ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignment(_ x: Int, _ y: Int) {
        for dy in -2...2 {
            for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// Level M and the mask, with their BCH(15, 5) check bits, twice: round the top-left finder, and split between
    /// the other two; plus the dark module above the bottom-left finder.
    mutating func drawFormat(mask: Int) {
        let bits = Self.formatBits(mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(8, index, bit(index)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for index in 9..<15 { set(14 - index, 8, bit(index)) }
        for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
        set(8, size - 8, true)
    }

    /// Level M (00) and the mask, followed by ten BCH check bits, masked with 101010000010010.
    static func formatBits(mask: Int) -> Int {
        var remainder = mask
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return ((mask << 10) | remainder) ^ 0x5412
    }

    /// The version followed by twelve BCH check bits.
    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return (version << 12) | remainder
    }

    /// From version 7: the version with its BCH(18, 6) check bits, beside the top-right and bottom-left finders.
    private mutating func drawVersion() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version)
        for index in 0..<18 {
            let isDark = (bits >> index) & 1 == 1
            let across = size - 11 + index % 3
            let down = index / 3
            set(across, down, isDark)
            set(down, across, isDark)
        }
    }

    /// The codewords' bits, most significant first, in two-module columns from the bottom right, up then down,
    /// skipping the fixed patterns and the vertical timing column.
    mutating func place(_ codewords: [UInt8]) {
        var bit = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !fixed[index(x, y)] && bit < codewords.count * 8 {
                    dark[index(x, y)] = (codewords[bit >> 3] >> (7 - (bit & 7))) & 1 == 1
                    bit += 1
                }
            }
            right -= 2
        }
    }

    /// Flips the codeword modules where mask `mask`'s condition holds, and writes its format information.
    mutating func apply(mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !fixed[index(x, y)] && Self.masks(mask, x, y) {
                dark[index(x, y)].toggle()
            }
        }
        drawFormat(mask: mask)
    }

    private static func masks(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The standard's penalty score: long runs of one colour, 2 × 2 blocks, finder-like stretches, and dark modules
    /// far from half.
    var penalty: Int {
        var score = 0
        let lines: [[Bool]] =
            (0..<size).map { y in (0..<size).map { x in dark[index(x, y)] } }
            + (0..<size).map { x in (0..<size).map { y in dark[index(x, y)] } }
        let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        let finderLikeReversed = Array(finderLike.reversed())
        for line in lines {
            var run = 1
            for index in 1...line.count {
                if index < line.count && line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            for start in 0...(line.count - finderLike.count) {
                let stretch = Array(line[start..<start + finderLike.count])
                if stretch == finderLike || stretch == finderLikeReversed { score += 40 }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = dark[index(x, y)]
                if dark[index(x + 1, y)] == colour && dark[index(x, y + 1)] == colour
                    && dark[index(x + 1, y + 1)] == colour
                {
                    score += 3
                }
            }
        }
        // Ten points for each whole 5 % step away from half dark, in integers: |dark/total − ½| ≥ k × 5 %.
        let darkCount = dark.filter { $0 }.count
        score += 10 * (abs(darkCount * 20 - dark.count * 10) / dark.count)
        return score
    }
}
