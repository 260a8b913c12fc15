/// The unit a measurement kind is recorded in.
public enum MeasurementUnit: String, Codable, Sendable {
    /// Degrees of joint angle.
    case degrees
    /// Seconds.
    case seconds
    /// Newtons of force (a dynamometer's reading).
    case newtons
    /// Centimetres of distance.
    case centimetres

    /// The symbol written after a value, e.g. `95°` or `12 s`.
    public var symbol: String {
        switch self {
        case .degrees: "°"
        case .seconds: " s"
        case .newtons: " N"
        case .centimetres: " cm"
        }
    }
}

/// Which way the limb symmetry index of a kind is computed (docs/clinical-sources.md §7).
public enum SymmetryDirection: String, Codable, Sendable {
    /// Operated ÷ other × 100: strength, hop distances.
    case higherIsBetter = "higher-is-better"
    /// Other ÷ operated × 100: timed tests, where less is better.
    case lowerIsBetter = "lower-is-better"
}

/// One measurement kind as the catalog describes it (`measurements.yaml`).
public struct MeasurementSpec: Codable, Sendable {
    /// The kind described.
    public var kind: MeasurementKind
    /// Its name in plain words.
    public var name: String
    /// The unit values are recorded in.
    public var unit: MeasurementUnit
    /// The smallest and largest value that can be real.
    public var range: ValueLimits
    /// The methods it may be taken by.
    public var methods: [MeasurementMethod]
    /// The methods whose values may open a phase gate on their own.
    public var opensGates: [MeasurementMethod]
    /// How the limb symmetry index is computed, for kinds compared between legs; nil for the others.
    public var symmetry: SymmetryDirection?
    /// Where the range and the weighing of methods come from.
    public var source: String

    /// The smallest and largest value of a kind.
    public struct ValueLimits: Codable, Sendable {
        /// Smallest valid value.
        public var min: Double
        /// Largest valid value.
        public var max: Double
    }

    /// True when a value taken by `method` may open a gate; a record that does not say how counts as the
    /// clinician's own.
    public func opensGate(_ method: MeasurementMethod?) -> Bool {
        guard let method else { return true }
        return opensGates.contains(method)
    }

    /// A value with its unit, e.g. `95°`.
    public func format(_ value: Double) -> String { "\(value.clean)\(unit.symbol)" }
}

/// Every measurement kind's description, from `measurements.yaml`.
public struct MeasurementCatalog: Sendable {
    /// The descriptions in the file's order.
    public let specs: [MeasurementSpec]
    private let byKind: [MeasurementKind: MeasurementSpec]

    /// Makes a catalog; the loader has checked that every kind appears exactly once.
    init(specs: [MeasurementSpec]) {
        self.specs = specs
        self.byKind = Dictionary(specs.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The description of a kind.
    public func spec(_ kind: MeasurementKind) -> MeasurementSpec {
        guard let spec = byKind[kind] else { preconditionFailure("validated catalogs describe every kind") }
        return spec
    }

    /// The kinds compared between legs, in the file's order.
    public var symmetryKinds: [MeasurementSpec] { specs.filter { $0.symmetry != nil } }

    /// Checks one measurement against its kind: a finite value in range, a method the kind takes, a note that is
    /// plain text. `path` prefixes the field names (`measurements[2].` in a record, empty in an API body).
    public func check(_ measurement: Measurement, path: String = "") throws(InvalidInput) {
        let spec = spec(measurement.kind)
        let value = measurement.value
        guard value.isFinite, value >= spec.range.min, value <= spec.range.max else {
            throw InvalidInput(
                field: "\(path)value",
                problem: "must be between \(spec.format(spec.range.min)) and \(spec.format(spec.range.max))"
                    + " for \(measurement.kind.rawValue)")
        }
        if let method = measurement.method, !spec.methods.contains(method) {
            let allowed = spec.methods.map(\.rawValue).joined(separator: ", ")
            throw InvalidInput(
                field: "\(path)method", problem: "\(measurement.kind.rawValue) is measured by \(allowed)")
        }
        if let note = measurement.note {
            try TextInput.check(note, field: "\(path)note", multiline: true)
            if note.count > Self.noteMaxLength {
                throw InvalidInput(field: "\(path)note", problem: "must be at most \(Self.noteMaxLength) characters")
            }
        }
    }

    /// The longest note a measurement may carry.
    public static let noteMaxLength = 500
}
