import Foundation
import RehabCore

extension StorageConformance {
    static let checkInsAndAlerts: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 4)
        let urgent = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Call the clinic")])
        let checkIn = CheckIn(date: day, painAtRest: 3, swelling: .mild, temperatureCelsius: 38.4)
        guard
            case .created(let stored, _) = try await store.recordCheckIn(
                CheckInWrite(patientID: a, checkIn: checkIn, triage: urgent), idempotency: nil, by: clinic.asPatientA,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        else { throw ConformanceFailure(message: "check-in created", line: #line) }
        let calm = TriageResult(reasons: [])
        _ = try await store.recordCheckIn(
            CheckInWrite(patientID: a, checkIn: CheckIn(date: day.adding(days: 1)), triage: calm), idempotency: nil,
            by: clinic.asPatientA, respond: { _ in StoredResponse(status: 201, body: Data()) })
        let all = try await store.checkIns(of: a, by: clinic.asA)
        try expect(all.count == 2 && all[0] == stored && all[0].triage == urgent, "check-ins round-trip")
        try expect(all[1].alertID == nil, "continue raises no alert")
        let open = try await store.openAlerts(clinician: clinic.clinicianA.id)
        try expect(open.map(\.id) == [stored.alertID].compactMap { $0 }, "urgent opens one alert")
        try expect(try await store.openAlerts(clinician: clinic.clinicianB.id).isEmpty, "B sees none of A's alerts")
        let alertID = try open.first.map(\.id) ?? { throw ConformanceFailure(message: "alert", line: #line) }()
        try await expectStorageError(.notFound, "B cannot acknowledge") {
            _ = try await store.acknowledgeAlert(alertID, by: clinic.asB)
        }
        let acknowledged = try await store.acknowledgeAlert(alertID, by: clinic.asA)
        try expect(
            acknowledged.acknowledgedBy == clinic.clinicianA.id && acknowledged.acknowledgedAt == StorageClinic.now,
            "ack")
        let later = AuditActor(
            .clinician(clinic.clinicianA.id), origin: "t", at: StorageClinic.now.addingTimeInterval(60))
        try expect(try await store.acknowledgeAlert(alertID, by: later) == acknowledged, "second ack keeps the first")
        try expect(try await store.openAlerts(clinician: clinic.clinicianA.id).isEmpty, "closed")
        let raised = try await store.raiseAlert(
            NewAlert(level: .contactClinician, rule: "manual", message: "Check wound"), for: a, by: clinic.asA)
        try expect(try await store.alerts(of: a, by: clinic.asA).count == 2 && raised.isOpen, "alerts of a patient")
    }

    static let questionnairesAndMeasurements: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let answers = QuestionnaireAnswers(["pain": 4])
        let write = QuestionnaireWrite(
            patientID: a, date: StorageClinic.surgeryDate.adding(days: 10), answers: answers,
            score: .nprs(try NPRS.score(answers)))
        guard
            case .created(let stored, _) = try await store.recordQuestionnaire(
                write, idempotency: nil, by: clinic.asPatientA,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        else { throw ConformanceFailure(message: "questionnaire created", line: #line) }
        try expect(try await store.questionnaireResponses(of: a, by: clinic.asA) == [stored], "response round-trips")
        let measurement = RehabCore.Measurement(
            date: StorageClinic.surgeryDate.adding(days: 9), kind: .kneeFlexion, side: .left, value: 97.5,
            method: .poseKeypoints)
        let saved = try await store.recordMeasurement(measurement, id: .generate(), for: a, by: clinic.asA)
        try expect(try await store.measurements(of: a, by: clinic.asPatientA) == [saved], "measurement round-trips")
        try expect(try await store.record(of: a, by: clinic.asA).measurements == [measurement], "in the record")
    }

    /// A note travels with its measurement; a struck-out measurement stays listed with its strike, leaves the record
    /// (and with it the phase gate), cannot be struck twice or by another clinician, and leaves an audit entry.
    static let measurementStrikes: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 12)
        let kept = RehabCore.Measurement(
            date: day, kind: .kneeFlexion, side: .left, value: 95, method: .goniometer, note: "supine, café")
        let wrong = RehabCore.Measurement(date: day, kind: .kneeFlexion, side: .left, value: 150, method: .goniometer)
        guard
            case .created(let saved, _) = try await store.recordMeasurements(
                [kept, wrong], for: a, idempotency: nil, by: clinic.asA,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        else { throw ConformanceFailure(message: "measurements created", line: #line) }
        try expect(try await store.record(of: a, by: clinic.asA).measurements == [kept, wrong], "both in the record")
        let wrongID = saved[1].id
        try await expectStorageError(.notFound, "B cannot strike A's measurement") {
            _ = try await store.strikeMeasurement(wrongID, of: a, reason: "typo", by: clinic.asB)
        }
        let struck = try await store.strikeMeasurement(wrongID, of: a, reason: "typed 150 for 105", by: clinic.asA)
        try expect(
            struck.strike
                == MeasurementStrike(reason: "typed 150 for 105", by: clinic.clinicianA.id, at: StorageClinic.now),
            "strike recorded")
        try expect(try await store.record(of: a, by: clinic.asA).measurements == [kept], "struck leaves the record")
        let listed = try await store.measurements(of: a, by: clinic.asA)
        try expect(listed.map(\.id) == saved.map(\.id) && listed[1] == struck && listed[0].strike == nil, "both listed")
        try await expectStorageError(.notFound, "a second strike") {
            _ = try await store.strikeMeasurement(wrongID, of: a, reason: "again", by: clinic.asA)
        }
        let actions = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        try expect(actions.filter { $0 == .measurementStrike }.count == 1, "one strike audited")
    }

    static let patientListOrder: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let c = clinic.clinicianA
        var ids: [String: PatientID] = ["alerted": clinic.patientA.id]
        for name in ["painful", "lapsed", "steady", "never"] {
            let patient = try await store.createPatient(
                StorageClinic.newPatient(c.id, name, "\(name)-\(UUID())@example.test"), by: clinic.asA)
            ids[name] = patient.id
        }
        func log(_ name: String, days: ClosedRange<Int>, pain: Int) async throws {
            for day in days {
                _ = try await store.recordSession(
                    SessionWrite(
                        patientID: ids[name] ?? .generate(), session: StorageClinic.session(day: day, painAfter: pain)),
                    idempotency: nil, by: .init(.system, origin: "t", at: StorageClinic.now), review: { _ in nil },
                    respond: StorageClinic.respond)
            }
        }
        try await log("alerted", days: 20...29, pain: 1)
        try await log("painful", days: 20...29, pain: 6)
        try await log("lapsed", days: 10...12, pain: 1)
        try await log("steady", days: 16...29, pain: 1)
        _ = try await store.raiseAlert(
            NewAlert(level: .urgent, rule: "r", message: "m"), for: clinic.patientA.id, by: clinic.asA)
        let asOf = StorageClinic.surgeryDate.adding(days: 29)
        let list = try await store.patients(
            PatientListQuery(clinicianID: c.id, policy: StorageClinic.policy, asOf: asOf, adherenceWindowDays: 14))
        let order = list.map(\.id)
        try expect(order.count == 5, "five patients")
        // Urgent alert; red pain; then two under the adherence threshold (pain given before none); then the rest.
        try expect(order == ["alerted", "painful", "lapsed", "never", "steady"].compactMap { ids[$0] }, "need order")
        try expect(
            list.map(\.concern) == [.urgent, .painRising, .lowAdherence, .lowAdherence, .none], "concerns")
        let steady = list.count > 4 ? list[4] : nil
        try expect(steady?.sessionDaysInWindow == 14 && steady?.adherencePercent == 100, "adherence")
        try expect(list[0].openAlerts == 1 && list[1].latestPain == 6 && list[3].lastSessionDate == nil, "fields")
        try expect(list[2].lastSessionDate == StorageClinic.surgeryDate.adding(days: 12), "last session date")
        let page = try await store.patients(
            PatientListQuery(clinicianID: c.id, policy: StorageClinic.policy, asOf: asOf, limit: 2, offset: 1))
        try expect(page.map(\.id) == Array(order[1...2]), "paging")
    }

    /// Red flags always win: one open urgent alert places a patient above one with two pain alerts and red pain,
    /// an emergency above both, and an acknowledged emergency no longer counts.
    static let worklistDanger: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let c = clinic.clinicianA
        var ids: [String: PatientID] = ["urgent": clinic.patientA.id]
        for name in ["pained", "emergency", "acknowledged"] {
            let patient = try await store.createPatient(
                StorageClinic.newPatient(c.id, name, "\(name)-\(UUID())@example.test"), by: clinic.asA)
            ids[name] = patient.id
        }
        func patient(_ name: String) throws -> PatientID {
            guard let id = ids[name] else { throw ConformanceFailure(message: "no \(name)", line: #line) }
            return id
        }
        for name in ["urgent", "pained", "emergency", "acknowledged"] {
            for day in 16...29 {
                _ = try await store.recordSession(
                    SessionWrite(
                        patientID: try patient(name),
                        session: StorageClinic.session(day: day, painAfter: name == "pained" ? 8 : 0)),
                    idempotency: nil, by: .init(.system, origin: "t", at: StorageClinic.now), review: { _ in nil },
                    respond: StorageClinic.respond)
            }
        }
        let pain = NewAlert(level: .contactClinician, rule: AlertRule.painRedRepeated.rawValue, message: "m")
        _ = try await store.raiseAlert(pain, for: try patient("pained"), by: clinic.asA)
        _ = try await store.raiseAlert(pain, for: try patient("pained"), by: clinic.asA)
        _ = try await store.raiseAlert(
            NewAlert(level: .urgent, rule: "calf-pain-or-swelling", message: "m"), for: try patient("urgent"),
            by: clinic.asA)
        _ = try await store.raiseAlert(
            NewAlert(level: .emergency, rule: "chest-pain-or-breathless", message: "m"),
            for: try patient("emergency"), by: clinic.asA)
        let seen = try await store.raiseAlert(
            NewAlert(level: .emergency, rule: "chest-pain-or-breathless", message: "m"),
            for: try patient("acknowledged"), by: clinic.asA)
        _ = try await store.acknowledgeAlert(seen.id, by: clinic.asA)
        let list = try await store.patients(
            PatientListQuery(
                clinicianID: c.id, policy: StorageClinic.policy, asOf: StorageClinic.surgeryDate.adding(days: 29)))
        try expect(
            list.map(\.id) == ["emergency", "urgent", "pained", "acknowledged"].compactMap { ids[$0] },
            "emergency, then urgent, then two pain alerts, then a patient whose emergency was seen")
        try expect(list.map(\.concern) == [.emergency, .urgent, .exercisePaused, .none], "concerns")
        try expect(list[2].openAlerts == 2 && list[1].openAlerts == 1, "open alert counts")
    }

    static let auditLog: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        for (index, action) in [AuditAction.recordRead, .measurementCreate].enumerated() {
            try await store.appendAudit(
                AuditEntry(
                    accountID: clinic.clinicianA.id, action: action, patientID: a,
                    at: StorageClinic.now.addingTimeInterval(Double(10 + index)), origin: "10.0.0.\(index)"))
        }
        let entries = try await store.auditEntries(AuditQuery(patientID: a, limit: 2))
        try expect(entries.map(\.action) == [.measurementCreate, .recordRead], "newest first")
        try expect(entries.first?.origin == "10.0.0.1" && entries.first?.accountID == clinic.clinicianA.id, "fields")
        let mine = try await store.auditEntries(AuditQuery(accountID: clinic.clinicianB.id))
        try expect(mine.allSatisfy { $0.accountID == clinic.clinicianB.id }, "filter by account")
    }

    static let signIns: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let now = StorageClinic.now
        let live = SignInToken(
            tokenHash: "t-\(UUID())", accountID: clinic.clinicianA.id, expiresAt: now.addingTimeInterval(3600),
            formToken: "csrf", createdAt: now)
        var old = live
        old.tokenHash = "t-\(UUID())"
        old.expiresAt = now.addingTimeInterval(-1)
        try await store.createSignIn(live)
        try await store.createSignIn(old)
        try expect(try await store.signInToken(tokenHash: live.tokenHash, now: now) == live, "live session")
        try expect(try await store.signInToken(tokenHash: old.tokenHash, now: now) == nil, "expired is nil")
        let clinician = try await store.signedIn(tokenHash: live.tokenHash, now: now)
        try expect(
            clinician?.session == live && clinician?.account.id == clinic.clinicianA.id && clinician?.patient == nil,
            "a clinician signs in with no patient")
        var patientSession = live
        patientSession.tokenHash = "t-\(UUID())"
        patientSession.accountID = clinic.patientA.accountID
        try await store.createSignIn(patientSession)
        let patient = try await store.signedIn(tokenHash: patientSession.tokenHash, now: now)
        try expect(
            patient?.account.role == .patient && patient?.patient?.id == clinic.patientA.id,
            "a patient signs in as themself")
        try expect(
            try await store.signedIn(tokenHash: old.tokenHash, now: now) == nil, "an expired token signs no one in")
        try expect(try await store.deleteExpiredSignIns(now: now) >= 1, "expired removed")
        try await store.deleteSignIn(tokenHash: live.tokenHash)
        try expect(try await store.signInToken(tokenHash: live.tokenHash, now: now) == nil, "signed out")
    }

    static let errorsCarryNoPatientData: Case = { store in
        let clinic = try await StorageClinic.make(store, names: ("Secret Name", "Other"))
        do {
            _ = try await store.createPatient(
                StorageClinic.newPatient(clinic.clinicianA.id, "Secret Name", clinic.patientA.email), by: clinic.asA)
            throw ConformanceFailure(message: "duplicate email must fail", line: #line)
        } catch let error as StorageError {
            let text = "\(error) \(String(reflecting: error))"
            try expect(error.code == .emailInUse, "email in use")
            try expect(!text.contains("Secret") && !text.contains(clinic.patientA.email), "no patient data in errors")
        }
        try expect(
            try await store.patients(
                PatientListQuery(
                    clinicianID: clinic.clinicianA.id, policy: StorageClinic.policy, asOf: .init(dayNumber: 20_400))
            ).count == 1, "nothing stored")
    }
}
