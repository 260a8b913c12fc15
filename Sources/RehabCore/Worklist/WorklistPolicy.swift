/// The catalog's thresholds the worklist reads: when pain counts as red and adherence as low.
///
/// Built from `progression.yaml` so a clinic that changes a threshold changes the list and its badges with it.
public struct WorklistPolicy: Sendable, Equatable {
    /// Highest pain after a session that is not red (above it is red), 0–10.
    public var painAmberMax: Double
    /// Adherence, in percent, below which a patient is flagged.
    public var adherentPercent: Double

    /// The thresholds of a catalog's progression settings.
    public init(_ settings: ProgressionSettings) {
        painAmberMax = settings.painAmberMax.value
        adherentPercent = settings.adherentPercent.value
    }

    /// True when pain after a session is in the red zone.
    public func isRed(pain: Int) -> Bool { Double(pain) > painAmberMax }

    /// True when adherence is below the threshold.
    public func isLow(adherencePercent: Int) -> Bool { Double(adherencePercent) < adherentPercent }
}
