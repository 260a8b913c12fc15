import Foundation
import PropertyBased
import RehabCore
import RehabTesting
import Testing

@testable import RehabStorageKit

/// The cache's memory bound: it holds at most its budget of history entries, drops the least recently used idle
/// patients first, keeps the patients in use rather than let a newcomer push them out, and keeps nothing at budget 0.
struct RecordCacheBudgetTests {
    /// The budget does not depend on how an engine names versions; a session count stands in.
    typealias Cache = RecordCache<Int64>

    static func history(sessions count: Int) -> Cache.History {
        Cache.History(
            sessions: (0..<count).map { StorageClinic.session(day: $0) }, checkIns: [], measurements: [],
            prescriptions: [])
    }

    static func version(_ sessions: Int64) -> Int64 { sessions }

    @Test func idlePatientsGoFirstLeastRecentlyUsedDownToThreeQuarters() {
        let cache = Cache(budget: 40)
        let patients = (0..<5).map { _ in PatientID.generate() }
        for patient in patients.prefix(4) {
            cache.store(Self.history(sessions: 10), at: Self.version(10), for: patient)
        }
        // Patients 0, 1 and 2 sit idle while patient 3 is looked up 8 times (twice the 4 held patients).
        for _ in 0..<8 { _ = cache.history(patients[3], at: Self.version(10)) }
        cache.store(Self.history(sessions: 5), at: Self.version(5), for: patients[4])
        // 45 entries were offered to a budget of 40: idle patients went, oldest first, until the newcomer fitted
        // in three quarters of it (30).
        #expect(cache.heldWeight == 25)
        #expect(cache.history(patients[0], at: Self.version(10)) == nil)
        #expect(cache.history(patients[1], at: Self.version(10)) == nil)
        #expect(cache.history(patients[2], at: Self.version(10))?.sessions.count == 10)
        #expect(cache.history(patients[3], at: Self.version(10))?.sessions.count == 10)
        #expect(cache.history(patients[4], at: Self.version(5))?.sessions.count == 5)
    }

    @Test func aNewcomerIsNotKeptWhileEveryHeldPatientIsInUse() {
        let cache = Cache(budget: 40)
        let patients = (0..<5).map { _ in PatientID.generate() }
        for patient in patients { cache.store(Self.history(sessions: 10), at: Self.version(10), for: patient) }
        #expect(cache.heldWeight == 40)
        #expect(cache.history(patients[4], at: Self.version(10)) == nil)
        #expect(patients.prefix(4).allSatisfy { cache.history($0, at: Self.version(10)) != nil })
    }

    /// The cache says which histories it would keep, so an engine reads the others where they hold up nothing.
    @Test func itWouldKeepAPatientUntilItTurnsTheirHistoryAwayOrDropsIt() {
        let cache = Cache(budget: 40)
        let patients = (0..<6).map { _ in PatientID.generate() }
        #expect(patients.allSatisfy { cache.wouldKeep($0) })
        // Too large: more than a quarter of the budget.
        cache.store(Self.history(sessions: 11), at: Self.version(11), for: patients[0])
        #expect(!cache.wouldKeep(patients[0]))
        // Kept once it fits again.
        cache.store(Self.history(sessions: 10), at: Self.version(10), for: patients[0])
        #expect(cache.wouldKeep(patients[0]) && cache.history(patients[0], at: Self.version(10)) != nil)
        for patient in patients[1...3] { cache.store(Self.history(sessions: 10), at: Self.version(10), for: patient) }
        // No room while every held patient is in use.
        cache.store(Self.history(sessions: 10), at: Self.version(10), for: patients[4])
        #expect(!cache.wouldKeep(patients[4]))
        // Dropped to make room: patient 0 sat idle while patient 3 was looked up twice per held patient.
        for _ in 0..<8 { _ = cache.history(patients[3], at: Self.version(10)) }
        cache.store(Self.history(sessions: 5), at: Self.version(5), for: patients[5])
        #expect(cache.history(patients[0], at: Self.version(10)) == nil && !cache.wouldKeep(patients[0]))
        #expect(cache.wouldKeep(patients[5]) && cache.wouldKeep(patients[3]))
        #expect(!Cache(budget: 0).wouldKeep(patients[5]))
    }

    /// More patients writing in turn than fit: plain LRU would drop the next one to write every time, so every
    /// write would miss; here the held patients keep hitting and the budget holds.
    @Test func patientsWritingInTurnBeyondTheBudgetStillHit() {
        let cache = Cache(budget: 100)
        let patients = (0..<8).map { _ in PatientID.generate() }
        var versions = [Int64](repeating: 10, count: patients.count)
        var hits = 0
        for round in 0..<20 {
            for (index, patient) in patients.enumerated() {
                if cache.history(patient, at: Self.version(versions[index])) != nil {
                    hits += 1
                } else {
                    let sessions = Int(versions[index])
                    cache.store(Self.history(sessions: sessions), at: Self.version(versions[index]), for: patient)
                }
                cache.append(
                    StorageClinic.session(day: round), to: patient, after: Self.version(versions[index]),
                    now: Self.version(versions[index] + 1))
                versions[index] += 1
                #expect(cache.heldWeight <= 100)
            }
        }
        // 160 writes; the eight histories grow from 10 to 30 entries, three times what fits.
        #expect(hits >= 60)
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
