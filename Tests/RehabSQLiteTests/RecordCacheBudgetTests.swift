import Foundation
import PropertyBased
import RehabCore
import RehabTesting
import Testing

@testable import RehabSQLite

/// The cache's memory bound: it holds at most its budget of history entries, drops the least recently used
/// patients first, and keeps nothing at budget 0.
struct RecordCacheBudgetTests {
    static func history(sessions count: Int) -> RecordCache.History {
        RecordCache.History(
            sessions: (0..<count).map { StorageClinic.session(day: $0) }, checkIns: [], measurements: [],
            prescriptions: [])
    }

    static func version(_ sessions: Int64) -> RecordCache.Version {
        RecordCache.Version(sessions: sessions, checkIns: 0, measurements: 0, prescriptions: 0)
    }

    @Test func leastRecentlyUsedPatientsGoFirstDownToThreeQuarters() {
        let cache = RecordCache(budget: 40)
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
        let cache = RecordCache(budget: 100)
        let patient = PatientID.generate()
        cache.store(Self.history(sessions: 3), at: Self.version(3), for: patient)
        cache.append(StorageClinic.session(day: 9), rowID: 4, to: patient, after: Self.version(3))
        #expect(cache.heldWeight == 4)
        #expect(cache.history(patient, at: Self.version(4))?.sessions.count == 4)
        // Written meanwhile by someone else: the entry no longer matches and is dropped with its weight.
        cache.append(StorageClinic.session(day: 10), rowID: 9, to: patient, after: Self.version(7))
        #expect(cache.heldWeight == 0)
        #expect(cache.history(patient, at: Self.version(4)) == nil)
    }

    @Test func budgetZeroKeepsNothingAndNoPatientTakesOverAQuarter() {
        let off = RecordCache(budget: 0)
        off.store(Self.history(sessions: 0), at: Self.version(0), for: .generate())
        #expect(off.heldWeight == 0)
        let cache = RecordCache(budget: 40)
        let large = PatientID.generate()
        cache.store(Self.history(sessions: 11), at: Self.version(11), for: large)
        #expect(cache.history(large, at: Self.version(11)) == nil)
        #expect(cache.heldWeight == 0)
    }

    @Test func heldWeightNeverExceedsTheBudget() async {
        let operations = zip(Gen.int(in: 0...7), Gen.int(in: 0...12), Gen.bool).array(of: 1...60)
        await propertyCheck(input: Gen.int(in: 0...48), operations) { budget, steps in
            let cache = RecordCache(budget: budget)
            let patients = (0..<8).map { _ in PatientID.generate() }
            var versions = [Int64](repeating: 0, count: patients.count)
            for (index, size, appending) in steps {
                if appending {
                    cache.append(
                        StorageClinic.session(day: size), rowID: versions[index] + 1, to: patients[index],
                        after: Self.version(versions[index]))
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
