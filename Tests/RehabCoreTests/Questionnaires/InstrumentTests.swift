import RehabCore
import Testing

struct InstrumentTests {
    @Test(arguments: [
        (Instrument.nprs, 1, "pain", "pain"), (.koos, 42, "S1", "Q4"), (.koosJR, 7, "1", "7"), (.lefs, 20, "1", "20"),
        (.ikdc, 19, "1", "10b"),
    ])
    func itemsAreListedInFormOrder(instrument: Instrument, count: Int, first: String, last: String) {
        let items = instrument.items
        #expect(items.count == count)
        #expect(items.first?.id == first)
        #expect(items.last?.id == last)
        #expect(Set(items.map(\.id)).count == count)
        #expect(items.allSatisfy { !$0.label.isEmpty && $0.minimum == 0 && $0.maximum > 0 })
    }

    @Test func zeroMeansMatchesEachInstrumentsDirection() {
        #expect(KOOS.items.allSatisfy { $0.zeroMeans == .best })
        #expect(LEFS.items.allSatisfy { $0.zeroMeans == .worst })
        #expect(IKDC.items.filter { $0.zeroMeans == .best }.map(\.id) == ["2", "3"])
    }

    @Test func rawValuesMatchTheCommandLine() {
        #expect(Instrument.allCases.map(\.rawValue) == ["nprs", "koos", "koos-jr", "lefs", "ikdc"])
    }
}
