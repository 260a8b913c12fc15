extension PoseRecording {
    /// The recording repeated `times` times end to end.
    ///
    /// Benchmarks need long recordings with known content; repeating a real or synthetic one keeps its statistics
    /// and lets the numpy peer tile the very same samples.
    public func repeated(_ times: Int) -> PoseRecording {
        let tile = { (columns: [[Double]]) in
            columns.map { column in Array([[Double]](repeating: column, count: max(times, 1)).joined()) }
        }
        return PoseRecording(
            interval: interval, x: tile(x), y: tile(y), z: z.map(tile),
            world: world.map { WorldColumns(x: tile($0.x), y: tile($0.y), z: tile($0.z)) }, missing: missing,
            sourceFrameCount: sourceFrameCount * max(times, 1))
    }
}
