import Foundation
import RehabCore

extension StorageConformance {
    /// One snapshot holds everything exported: the same lists the single reads give and the record in force (a
    /// struck measurement listed but not in the record); the read is audited as a record read and an export, and a
    /// clinician who may not see the patient gets `notFound` with nothing audited.
    static let export: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let system = AuditActor(.system, origin: "t", at: StorageClinic.now)
        for day in [3, 4] {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: day)), idempotency: nil, by: system,
                review: StorageClinic.review, respond: StorageClinic.respond)
        }
        let urgent = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Call the clinic")])
        let day = StorageClinic.surgeryDate.adding(days: 4)
        for (checkIn, triage) in [
            (CheckIn(date: day, painMorning: 2, swelling: .mild, temperatureCelsius: 38.4), urgent),
            (CheckIn(date: day.adding(days: 1), giveWay: false), TriageResult(reasons: [])),
        ] {
            _ = try await store.recordCheckIn(
                CheckInWrite(patientID: a, checkIn: checkIn, triage: triage), idempotency: nil,
                by: clinic.asPatientA, respond: { _ in StoredResponse(status: 201, body: Data()) })
        }
        let measurement = RehabCore.Measurement(date: day, kind: .kneeFlexion, side: .left, value: 97.5)
        _ = try await store.recordMeasurement(measurement, id: .generate(), for: a, by: clinic.asA)
        let wrong = try await store.recordMeasurement(
            RehabCore.Measurement(date: day, kind: .kneeFlexion, side: .left, value: 150), id: .generate(), for: a,
            by: clinic.asA)
        _ = try await store.strikeMeasurement(wrong.id, of: a, reason: "typo", by: clinic.asA)
        let answers = QuestionnaireAnswers(["pain": 4])
        _ = try await store.recordQuestionnaire(
            QuestionnaireWrite(patientID: a, date: day, answers: answers, score: .nprs(try NPRS.score(answers))),
            idempotency: nil, by: clinic.asPatientA, respond: { _ in StoredResponse(status: 201, body: Data()) })

        let before = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        let export = try await store.export(of: a, by: clinic.asA)
        let after = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        try expect(
            after.count == before.count + 2 && after.filter { $0 == .recordExport }.count == 1
                && after.filter { $0 == .recordRead }.count == before.filter { $0 == .recordRead }.count + 1,
            "the export is audited as one record read and one export")
        try expect(export.patient == (try await store.patient(a, by: clinic.asA)), "the patient")
        try expect(export.sessions == (try await store.sessions(of: a, by: clinic.asA)), "the sessions")
        try expect(export.sessions.count == 2, "both sessions")
        try expect(export.checkIns == (try await store.checkIns(of: a, by: clinic.asA)), "the check-ins")
        try expect(export.checkIns.map(\.triage) == [urgent, TriageResult(reasons: [])], "each check-in's triage")
        try expect(export.measurements == (try await store.measurements(of: a, by: clinic.asA)), "the measurements")
        try expect(export.measurements.count == 2, "the struck measurement is listed")
        try expect(
            export.responses == (try await store.questionnaireResponses(of: a, by: clinic.asA)), "the responses")
        try expect(export.alerts == (try await store.alerts(of: a, by: clinic.asA)), "the alerts")
        try expect(!export.alerts.isEmpty, "the fever's alert")
        try expect(export.revisions == (try await store.planRevisions(of: a, by: clinic.asA)), "the plan revisions")
        try expect(export.record == (try await store.record(of: a, by: clinic.asA)), "the record in force")
        try expect(export.record.measurements == [measurement], "the struck measurement leaves the record")

        let audited = try await store.auditEntries(AuditQuery(patientID: a)).count
        try await expectStorageError(.notFound, "B may not export A") {
            _ = try await store.export(of: a, by: clinic.asB)
        }
        try expect(
            try await store.auditEntries(AuditQuery(patientID: a)).count == audited, "a refused export is not audited")
    }
}
