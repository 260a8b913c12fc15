import Foundation

extension RehabServices {
    /// Stores measurements entered by hand (a clinician's goniometer, dynamometer or test readings, or the
    /// patient's own), in one write. Each is checked against its kind in the catalog first, naming the field; the
    /// phase gate reads them at once, and an alert the new record raises (a gate now met) is opened.
    ///
    /// `path` names the fields: empty for one measurement in an API body, `measurements[i].` for several.
    public func enterMeasurements(
        _ measurements: [Measurement], for patient: Patient, today: CalendarDate, idempotency: IdempotencyKey?,
        by actor: AuditActor, respond: @escaping @Sendable ([StoredMeasurement]) throws -> StoredResponse
    ) async throws -> WriteOutcome<[StoredMeasurement]> {
        guard !measurements.isEmpty else { throw InvalidInput(field: "value", problem: "is missing") }
        for (index, measurement) in measurements.enumerated() {
            let path = measurements.count == 1 ? "" : "measurements[\(index)]."
            try Self.checkDay(measurement.date, field: "\(path)date", surgery: patient.surgery, today: today)
            try catalog.measurements.check(measurement, path: path)
        }
        let outcome = try await store.recordMeasurements(
            measurements, for: patient.id, idempotency: idempotency, by: actor, respond: respond)
        if outcome.created != nil { try await raiseAlertsOfTheRecord(of: patient, today: today, by: actor) }
        return outcome
    }

    /// Strikes out a measurement entered by mistake, with a reason a person typed; it stays stored and audited but
    /// counts for nothing from now on.
    public func strikeMeasurement(
        _ id: MeasurementID, of patient: Patient, reason: String, by actor: AuditActor
    ) async throws -> StoredMeasurement {
        try MeasurementStrike.checkReason(reason)
        return try await store.strikeMeasurement(id, of: patient.id, reason: reason, by: actor)
    }

    /// Every measurement of a patient with the limb symmetry of the kinds compared between legs; the read is audited
    /// as a read of the record.
    public func measurementOverview(of patient: Patient, today: CalendarDate, by actor: AuditActor) async throws
        -> MeasurementOverview
    {
        let record = try await store.record(of: patient.id, by: actor)
        let plan = try engine.review(record, on: max(today, patient.surgery.date))
        let entries = try await store.measurements(of: patient.id, by: actor)
        return MeasurementOverview(entries: entries, patient: patient, phase: plan.phase.id, catalog: catalog)
    }

    /// Reviews the record as it now stands and opens any alert it raises that is not open yet.
    func raiseAlertsOfTheRecord(of patient: Patient, today: CalendarDate, by actor: AuditActor) async throws {
        let record = try await store.record(of: patient.id, by: actor)
        let plan = try engine.review(record, on: max(today, patient.surgery.date))
        try await raiseNewAlerts(plan.alerts, for: patient.id, by: actor)
    }
}

/// A patient's measurements as a clinician reviews them: every entry (struck ones marked) and the limb symmetry of
/// each kind compared between legs.
public struct MeasurementOverview: Sendable {
    /// One kind compared between legs.
    public struct Symmetry: Sendable {
        /// The kind.
        public var spec: MeasurementSpec
        /// Each day both legs were measured, oldest first.
        public var history: [LimbSymmetry.Point]
        /// The protocol's next limit for this kind, in percent: the first gate after the current phase that asks for
        /// it, else the last gate that did; nil when the protocol never asks.
        public var criterion: Double?
    }

    /// Every entry, oldest first.
    public var entries: [StoredMeasurement]
    /// The kinds compared between legs that have at least one entry.
    public var symmetry: [Symmetry]

    /// Builds the overview from the stored entries, the catalog, the patient's protocol and current phase.
    public init(entries: [StoredMeasurement], patient: Patient, phase: String, catalog: Catalog) {
        self.entries = entries
        let counted = entries.filter { $0.strike == nil }.map(\.measurement)
        let limits = Self.symmetryLimits(catalog.protocol(for: patient.surgery.kind), after: phase)
        symmetry = catalog.measurements.symmetryKinds.compactMap { spec in
            guard counted.contains(where: { $0.kind == spec.kind }) else { return nil }
            return Symmetry(
                spec: spec, history: LimbSymmetry.history(of: spec, in: counted, operated: patient.surgery.side),
                criterion: limits[spec.kind])
        }
    }

    /// Each kind's next limb symmetry limit after `phase` (see `Symmetry.criterion`).
    static func symmetryLimits(_ rehab: RehabProtocol, after phase: String) -> [MeasurementKind: Double] {
        let current = rehab.phases.firstIndex { $0.id == phase } ?? 0
        var next: [MeasurementKind: Double] = [:]
        var last: [MeasurementKind: Double] = [:]
        for (index, phase) in rehab.phases.enumerated() {
            for criterion in phase.entryCriteria where criterion.kind == .limbSymmetryMin {
                guard let value = criterion.value else { continue }
                let kind = criterion.measure ?? .quadricepsStrength
                last[kind] = value
                if index > current, next[kind] == nil { next[kind] = value }
            }
        }
        return last.merging(next) { _, upcoming in upcoming }
    }
}
