import ArgumentParser
import RehabCore

/// `kneerehab plan`: the program for a day of recovery, from the protocol alone.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The program for one day of recovery, with no history.")

    @Option(
        help:
            "total-knee-replacement, acl-reconstruction, meniscus-repair, partial-meniscectomy, mcl-reconstruction or medial-knee-pain."
    )
    var surgery: String
    @Option(help: "left or right.") var side: String
    @Option(help: "The day of surgery (or start of care), YYYY-MM-DD.") var surgeryDate: String
    @Option(help: "The day to plan for, YYYY-MM-DD (default: today).") var today: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let surgery = Surgery(
            kind: try ArgumentValues.choice(self.surgery, option: "--surgery"),
            side: try ArgumentValues.choice(side, option: "--side"),
            date: try ArgumentValues.date(surgeryDate, option: "--surgery-date"))
        let date = try ArgumentValues.today(today)
        let catalog = try catalogOptions.load()
        let plan: Plan
        do {
            plan = try PlanEngine(catalog: catalog).plan(for: surgery, on: date)
        } catch {
            throw InputError(field: error.field == "today" ? "--today" : error.field, problem: error.problem)
        }
        try PlanOutput.print(plan, catalog: catalog, format: format)
    }
}

/// Prints a plan in the chosen format.
enum PlanOutput {
    static func print(_ plan: Plan, catalog: Catalog, format: OutputFormat) throws {
        switch format {
        case .json: try CommandIO.printJSON(plan)
        case .text: Swift.print(PlanPrintout(plan: plan, catalog: catalog).text, terminator: "")
        }
    }
}
