// A test helper: writes sessions to a SQLite store and prints the id of each one the store acknowledged, one per
// line, flushed at once. The crash test kills it with SIGKILL mid-stream and checks every printed id survived.
// Usage: RehabStorageCrashWriter DATABASE_PATH [COUNT]
import Foundation
import RehabCore
import RehabSQLite

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: RehabStorageCrashWriter DATABASE_PATH [COUNT]\n".utf8))
    exit(2)
}
let count = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let store = try SQLiteStore(path: arguments[1])
let now = Date(timeIntervalSince1970: 1_795_000_000)
let system = AuditActor(.system, origin: "crash-writer", at: now)
let clinician = try await store.createAccount(
    NewAccount(role: .clinician, email: "crash-\(UUID())@clinic.test", name: "Crash", passwordHash: nil), by: system)
let surgery = Surgery(kind: .aclReconstruction, side: .right, date: CalendarDate(dayNumber: 20_400))
let patient = try await store.createPatient(
    NewPatient(
        clinicianID: clinician.id, name: "Crash Patient", email: "cp-\(UUID())@example.test", surgery: surgery,
        inviteCodeHash: UUID().uuidString, inviteExpiresAt: now),
    by: system)
FileHandle.standardOutput.write(Data("patient \(patient.id)\n".utf8))
for index in 0..<count {
    let session = ExerciseSession(
        date: surgery.date.adding(days: index % 180), painAfter: index % 10,
        exercises: [PerformedExercise(id: "quad-set", sets: 3, reps: 10)])
    let write = SessionWrite(patientID: patient.id, session: session, note: "n\(index)")
    _ = try await store.recordSession(
        write, idempotency: nil, by: system, review: { _ in nil },
        respond: { _ in StoredResponse(status: 201, body: Data()) })
    FileHandle.standardOutput.write(Data("ack \(write.id)\n".utf8))
}
