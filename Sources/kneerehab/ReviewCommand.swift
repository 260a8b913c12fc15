import ArgumentParser
import RehabCore

/// `kneerehab review`: the program for a day given a patient record, with each change and its reason.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "The program for a day given a patient record: changes, reasons, gate, alerts."
    )

    @Argument(help: "The patient record JSON file, or - for standard input.") var record: String
    @Option(help: "The day to plan for, YYYY-MM-DD (default: today).") var today: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let data = try CommandIO.read(record, argument: "RECORD")
        let patientRecord = try CommandIO.decode(PatientRecord.self, from: data, root: "record")
        let date = try ArgumentValues.today(today)
        let catalog = try catalogOptions.load()
        let plan: Plan
        do {
            try patientRecord.validate(
                today: date, knownExercises: Set(catalog.exerciseIDs), measures: catalog.measurements)
            plan = try PlanEngine(catalog: catalog).review(patientRecord, on: date)
        } catch {
            let field = error.field == "today" ? "--today" : "record.\(error.field)"
            throw InputError(field: field, problem: error.problem)
        }
        try PlanOutput.print(plan, catalog: catalog, format: format)
    }
}
