import Testing

@testable import RehabCore

/// The program's note after a painful session, case by case at the triage catalog's threshold (7/10).
struct PainfulSessionNoteTests {
    let day = CalendarDate(iso: "2026-11-30") ?? CalendarDate(dayNumber: 0)
    let threshold = Catalog.bundled.triage.contactPain

    func note(_ session: ExerciseSession) -> String? {
        PainfulSessionNote.text(for: session, threshold: threshold) { Catalog.bundled.exercises[$0]?.name ?? "?" }
    }

    func exercise(_ id: ExerciseID, pain: Int?) -> PerformedExercise {
        PerformedExercise(id: id, sets: 1, reps: 10, painDuring: pain, difficulty: .right)
    }

    @Test func theThresholdIsTheCatalogsContactPain() {
        #expect(threshold == 7)
    }

    @Test func painBelowSevenAndNoStopWritesNothing() {
        let session = ExerciseSession(
            date: day, painAfter: 6, stoppedForPain: false, exercises: [exercise("quad-set", pain: 6)])
        #expect(note(session) == nil)
    }

    @Test func anExerciseAtSevenIsNamedWithItsPain() {
        let session = ExerciseSession(
            date: day, painAfter: 3, exercises: [exercise("quad-set", pain: 2), exercise("heel-slide", pain: 7)])
        let name = Catalog.bundled.exercises["heel-slide"]!.name
        #expect(
            note(session) == "Automatic note: in the session of 2026-11-30, \(name) hurt 7/10 during the exercises.")
    }

    @Test func painAfterAndAStopAreBothSaid() {
        let session = ExerciseSession(
            date: day, painAfter: 9, stoppedForPain: true, exercises: [exercise("quad-set", pain: 8)])
        let name = Catalog.bundled.exercises["quad-set"]!.name
        #expect(
            note(session)
                == "Automatic note: in the session of 2026-11-30, \(name) hurt 8/10 during the exercises and pain just "
                + "after the session was 9/10. The patient stopped it early because of pain.")
    }

    @Test func aStopForPainAloneIsNoted() {
        let session = ExerciseSession(date: day, painAfter: 4, stoppedForPain: true, exercises: [])
        #expect(note(session) == "Automatic note: The patient stopped the session of 2026-11-30 early because of pain.")
    }

    @Test func noteNamesNoFreeText() {
        let session = ExerciseSession(date: day, painAfter: 10, exercises: [exercise("quad-set", pain: 10)])
        #expect(note(session)?.contains("10/10") == true)
    }
}
