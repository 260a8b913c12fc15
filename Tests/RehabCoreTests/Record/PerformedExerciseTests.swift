import Foundation
import PropertyBased
import Testing

@testable import RehabCore

/// A logged exercise keeps its JSON form while its whole numbers are stored compactly.
@Suite struct PerformedExerciseTests {
    static func json(_ value: PerformedExercise) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func theJSONFormIsUnchanged() throws {
        let done = PerformedExercise(
            id: "step-up", sets: 2, reps: 12, holdSeconds: 3, durationMinutes: 5, stepHeightCm: 15, loadKg: 2.5,
            step: 3, painDuring: 4, difficulty: .right)
        #expect(
            try Self.json(done)
                == #"{"difficulty":"right","durationMinutes":5,"holdSeconds":3,"id":"step-up","loadKg":2.5,"#
                + #""painDuring":4,"reps":12,"sets":2,"step":3,"stepHeightCm":15}"#)
        #expect(try Self.json(PerformedExercise(id: "quad-set")) == #"{"id":"quad-set"}"#)
    }

    @Test func itTakesLessMemoryThanItsWholeNumbersWouldAsInts() {
        #expect(MemoryLayout<PerformedExercise>.stride <= 96)
    }

    @Test func aNumberBeyondThirtyTwoBitsIsRefusedWithItsField() {
        let body = Data(#"{"id":"quad-set","reps":5000000000}"#.utf8)
        #expect(throws: InvalidInput.self) { try InvalidInput.decode(PerformedExercise.self, from: body, root: "") }
        do {
            _ = try InvalidInput.decode(PerformedExercise.self, from: body, root: "")
        } catch {
            #expect(error.field == "reps")
        }
    }

    @Test func aNumberSetInCodeIsClampedNotWrapped() {
        var done = PerformedExercise(id: "quad-set")
        done.reps = Int.max
        #expect(done.reps == Int(Int32.max))
    }

    /// Every value a client can send within 32 bits comes back out of a JSON round trip as it went in.
    @Test func aJSONRoundTripKeepsEveryValue() async {
        let count = Gen.int(in: -1_000...1_000_000).optional(valueRate: 0.7)
        await propertyCheck(count: 300, input: count, count, count, count, count, count, count) {
            sets, reps, hold, minutes, height, step, pain in
            let done = PerformedExercise(
                id: "heel-slide", sets: sets, reps: reps, holdSeconds: hold, durationMinutes: minutes,
                stepHeightCm: height, step: step, painDuring: pain, difficulty: .hard)
            let again = try? JSONDecoder().decode(PerformedExercise.self, from: JSONEncoder().encode(done))
            #expect(again == done)
            #expect(again?.reps == reps && again?.painDuring == pain && again?.sets == sets)
        }
    }
}
