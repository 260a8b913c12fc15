import ArgumentParser
import Foundation
import RehabCore
import RehabInterop

/// `kneerehab export`: one patient as FHIR R4, CSV or iCalendar, or the whole clinic as FHIR bulk-data NDJSON.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a patient as FHIR R4, CSV or iCalendar, or the whole clinic as FHIR NDJSON.",
        discussion: """
            --patient ID --as fhir|csv|ics prints one patient's export; --all --as ndjson DIR writes one file per \
            resource type into DIR, a patient at a time, so memory stays flat however large the clinic. Every \
            export is recorded in the audit log.
            """)

    /// The formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case fhir, csv, ics, ndjson
    }

    @Option(help: "The patient's id.") var patient: String?
    @Flag(help: "Every patient of the clinic (with --as ndjson).") var all = false
    @Option(name: .customLong("as"), help: "fhir, csv, ics (one patient) or ndjson (--all).") var format: Format
    @Argument(help: "The directory for --all --as ndjson.") var directory: String?
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        let catalog = try catalogOptions.load()
        let questionnaires = try catalogOptions.questionnaires()
        let actor = AuditActor(.system, origin: "cli", at: Date())
        if all {
            guard format == .ndjson else { throw InputError(field: "--as", problem: "must be ndjson with --all") }
            guard let directory else { throw InputError(field: "DIR", problem: "is missing") }
            let counts = try await options.withStore { store in
                try await Self.bulk(
                    RehabServices(store: store, catalog: catalog, questionnaires: questionnaires), into: directory,
                    by: actor)
            }
            for (type, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(type).ndjson\t\(count)") }
            return
        }
        guard let text = patient, let id = PatientID(uuidString: text) else {
            throw InputError(field: "--patient", problem: "must be a patient id (or use --all)")
        }
        guard format != .ndjson else { throw InputError(field: "--as", problem: "ndjson needs --all") }
        let format = self.format
        let output = try await options.withStore { store in
            let services = RehabServices(store: store, catalog: catalog, questionnaires: questionnaires)
            let found: Patient
            do { found = try await store.patient(id, by: actor) } catch {
                throw InputError(field: "--patient", problem: "no patient has this id")
            }
            let export = try await services.exportData(of: found.id, by: actor)
            switch format {
            case .fhir:
                return String(
                    decoding: try FHIRExport.bundle(export, catalog: catalog, generatedAt: Date()), as: UTF8.self)
            case .csv:
                return CSVExport.patientTable(
                    record: export.record, checkIns: export.checkIns, measurements: export.measurements,
                    responses: export.responses, measurementCatalog: catalog.measurements)
            case .ics, .ndjson:
                return CalendarFeed.ics(
                    patientID: found.id, slots: CalendarFeed.defaultSlots, timeZone: .current,
                    startDate: try ArgumentValues.today(nil), endDate: nil, generatedAt: Date(),
                    calendarName: "Knee exercises")
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// Writes every patient's resources into one NDJSON file per resource type; returns the lines per type.
    static func bulk(_ services: RehabServices, into directory: String, by actor: AuditActor) async throws
        -> [String: Int]
    {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [String: FileHandle] = [:]
        var counts: [String: Int] = [:]
        defer { for handle in files.values { try? handle.close() } }
        for entry in try await services.store.caseload(by: actor) {
            let export = try await services.exportData(of: entry.patientID, by: actor)
            var pending: [String: Data] = [:]
            for (type, line) in try FHIRExport.resources(export, catalog: services.catalog) {
                pending[type, default: Data()].append(line)
                pending[type, default: Data()].append(UInt8(ascii: "\n"))
                counts[type, default: 0] += 1
            }
            for (type, data) in pending {
                if files[type] == nil {
                    let url = folder.appendingPathComponent("\(type).ndjson")
                    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                    files[type] = try FileHandle(forWritingTo: url)
                }
                try files[type]?.write(contentsOf: data)
            }
        }
        return counts
    }
}

/// `kneerehab rtm`: a clinician's remote-monitoring month.
struct RTMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtm", abstract: "A clinician's RTM month: supply periods, days with data, minutes and codes.")

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Option(help: "The clinician's sign-in email.") var clinician: String
    @Option(help: "The month, YYYY-MM (this month by default).") var month: String?
    @Option(help: "text, json or csv.") var format: Format = .text
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var catalogOptions: CatalogOptions

    /// The calendar day of a moment on this machine's clock.
    @Sendable static func localDay(_ date: Date) -> CalendarDate {
        let local = date.timeIntervalSince1970 + Double(TimeZone.current.secondsFromGMT(for: date))
        return CalendarDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    func run() async throws {
        let today = try ArgumentValues.today(nil)
        let chosen: CalendarMonth
        if let month {
            guard let parsed = CalendarMonth(month) else {
                throw InputError(field: "--month", problem: "must be a month YYYY-MM")
            }
            chosen = parsed
        } else {
            chosen = CalendarMonth(of: today)
        }
        let catalog = try catalogOptions.load()
        let questionnaires = try catalogOptions.questionnaires()
        let email = clinician
        let rows = try await options.withStore { store in
            guard let account = try await store.account(email: email), account.role == .clinician else {
                throw InputError(field: "--clinician", problem: "no clinician has this email")
            }
            let services = RehabServices(store: store, catalog: catalog, questionnaires: questionnaires)
            return try await services.rtmMonth(
                chosen, clinician: account.id, today: today, day: Self.localDay,
                by: AuditActor(.clinician(account.id), origin: "cli", at: Date()))
        }
        let csvRows = rows.map { RTMMonthRow($0, month: chosen) }
        switch format {
        case .csv: FileHandle.standardOutput.write(Data(CSVExport.rtmMonth(csvRows).utf8))
        case .json: try CommandIO.printJSON(csvRows)
        case .text:
            print("RTM month \(chosen) (the software reports; the clinic decides what to bill)")
            for row in rows {
                let supply = row.supplyPeriod
                let codes = row.managementCodes.isEmpty ? "none" : row.managementCodes.joined(separator: " ")
                let period = "supply \(supply.start)–\(supply.end), \(supply.daysWithData) days with data"
                let time = "\(row.minutes) min, \(row.interactiveExchanges) real-time exchanges"
                print("\(row.patientName): \(period), code \(supply.code ?? "none"); \(time), management \(codes)")
            }
        }
    }
}
