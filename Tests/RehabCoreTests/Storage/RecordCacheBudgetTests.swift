import Foundation
import PropertyBased
import RehabCore
import RehabTesting
import Testing

/// The cache's memory bound: it holds at most its budget of history entries, drops the least recently used
/// patients first, and keeps nothing at budget 0.
struct RecordCacheBudgetTests {
    /// The budget does not depend on how an engine names versions; a session count stands in.
    typealias Cache = RecordCache<Int64>

    static func history(sessions count: Int) -> Cache.History {
        Cache.History(
            sessions: (0..<count).map { StorageClinic.session(day: $0) }, checkIns: [], measurements: [],
            prescriptions: [])
    }

    static func version(_ sessions: Int64) -> Int64 { sessions }

    @Test func leastRecentlyUsedPatientsGoFirstDownToThreeQuarters() {
        let cache = Cache(budget: 40)
        let patients = (0..<5).map { _ in PatientID.generate() }
        for patient in patients { cache.store(Self.history(sessions: 10), at: Self.version(10), for: patient) }
        // 50 entries were offered to a budget of 40: the oldest patients went until 30 (three quarters) remained.
        #expect(cache.heldWeight == 30)
        #expect(cache.history(patients[0], at: Self.version(10)) == nil)
        #expect(cache.history(patients[1], at: Self.version(10)) == nil)
        #expect(cache.history(patients[4], at: Self.version(10))?.sessions.count == 10)
        // Using patient 2 makes patient 3 the oldest.
        _ = cache.history(patients[2], at: Self.version(10))
        cache.store(Self.history(sessions: 10), at: Self.version(10), for: patients[0])
        cache.store(Self.history(sessions: 10), at: Self.version(10), for: patients[1])
        #expect(cache.history(patients[3], at: Self.version(10)) == nil)
        #expect(cache.history(patients[2], at: Self.version(10)) != nil)
    }

    @Test func appendCountsAndAStaleVersionDropsTheEntry() {
        let cache = Cache(budget: 100)
        let patient = PatientID.generate()
        cache.store(Self.history(sessions: 3), at: Self.version(3), for: patient)
        cache.append(StorageClinic.session(day: 9), to: patient, after: Self.version(3), now: Self.version(4))
        #expect(cache.heldWeight == 4)
        #expect(cache.history(patient, at: Self.version(4))?.sessions.count == 4)
        // Written meanwhile by someone else: the entry no longer matches and is dropped with its weight.
        cache.append(StorageClinic.session(day: 10), to: patient, after: Self.version(7), now: Self.version(9))
        #expect(cache.heldWeight == 0)
        #expect(cache.history(patient, at: Self.version(4)) == nil)
    }

    @Test func budgetZeroKeepsNothingAndNoPatientTakesOverAQuarter() {
        let off = Cache(budget: 0)
        off.store(Self.history(sessions: 0), at: Self.version(0), for: .generate())
        #expect(off.heldWeight == 0)
        let cache = Cache(budget: 40)
        let large = PatientID.generate()
        cache.store(Self.history(sessions: 11), at: Self.version(11), for: large)
        #expect(cache.history(large, at: Self.version(11)) == nil)
        #expect(cache.heldWeight == 0)
    }

    @Test func heldWeightNeverExceedsTheBudget() async {
        let operations = zip(Gen.int(in: 0...7), Gen.int(in: 0...12), Gen.bool).array(of: 1...60)
        await propertyCheck(input: Gen.int(in: 0...48), operations) { budget, steps in
            let cache = Cache(budget: budget)
            let patients = (0..<8).map { _ in PatientID.generate() }
            var versions = [Int64](repeating: 0, count: patients.count)
            for (index, size, appending) in steps {
                if appending {
                    cache.append(
                        StorageClinic.session(day: size), to: patients[index], after: Self.version(versions[index]),
                        now: Self.version(versions[index] + 1))
                    versions[index] += 1
                } else {
                    versions[index] = Int64(size)
                    cache.store(Self.history(sessions: size), at: Self.version(versions[index]), for: patients[index])
                }
                #expect(cache.heldWeight <= budget)
                #expect(cache.heldWeight >= 0)
            }
        }
    }
}
