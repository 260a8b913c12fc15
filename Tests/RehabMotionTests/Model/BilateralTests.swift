import RehabMotion
import Testing

@Suite struct BilateralTests {
    @Test func subscriptReadsAndWritesEachLeg() {
        var pair = Bilateral(left: 1, right: 2)
        #expect(pair[.left] == 1 && pair[.right] == 2)
        pair[.right] = 5
        pair[.left] += 10
        #expect(pair.left == 11 && pair.right == 5)
    }

    @Test func closureInitialiserComputesEachSide() {
        let pair = Bilateral { $0 == .left ? "L" : "R" }
        #expect(pair.left == "L" && pair.right == "R")
    }
}
